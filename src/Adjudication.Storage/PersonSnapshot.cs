using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Units;

namespace Adjudication.Storage;

/// <summary>
/// What the insured city knows of a person at one version: profile, balance, this year's accumulators and the
/// current filings. Commits check <see cref="Version"/> and <see cref="FilingsVersion"/> so a snapshot that went
/// stale (another settlement, a revoked filing) is never committed against.
/// </summary>
public sealed record PersonSnapshot(
    PersonProfile Profile,
    string Version,
    Money Balance,
    int Year,
    YearAccumulators Accumulators,
    string FilingsVersion,
    IReadOnlyList<Filing> Filings);
