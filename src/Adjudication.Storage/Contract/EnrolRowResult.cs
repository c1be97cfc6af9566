namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>enrol_person_row.lua</c>: one row of a bulk enrolment (DESIGN.md §12).</summary>
public enum EnrolRowResult
{
    /// <summary><c>ok</c>: the person is enrolled, with the enrolment in their history.</summary>
    Enrolled,

    /// <summary><c>unchanged</c>: the same profile is held already; nothing was written.</summary>
    Unchanged,

    /// <summary><c>exists</c>: the person is enrolled already with other data; nothing was written.</summary>
    AlreadyEnrolled,
}
