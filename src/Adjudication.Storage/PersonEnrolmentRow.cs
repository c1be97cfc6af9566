using Adjudication.Domain.Persons;

namespace Adjudication.Storage;

/// <summary>One row of a bulk enrolment as the store writes it: the profile, its history entry and the credentials that find it.</summary>
/// <param name="Profile">The person as enrolled.</param>
/// <param name="Entry">The enrolment's history entry.</param>
/// <param name="Credentials">The credential index entries to register once the person is held (mdtrt_cert_type, number).</param>
public readonly record struct PersonEnrolmentRow(PersonProfile Profile, PersonHistoryEntry Entry, IReadOnlyList<(int CertType, string CertNo)> Credentials);
