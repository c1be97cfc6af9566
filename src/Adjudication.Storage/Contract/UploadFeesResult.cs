namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>upload_fees.lua</c> (2204/2301).</summary>
public enum UploadFeesResult
{
    /// <summary><c>ok</c>: new lines added, repeated identical lines skipped.</summary>
    Added,

    /// <summary><c>novisit</c>: the visit does not exist.</summary>
    VisitNotFound,

    /// <summary><c>notopen</c>: the visit is settled.</summary>
    VisitNotOpen,

    /// <summary><c>conflict</c>: a line with the same feedetl_sn was stored with different content.</summary>
    FeeLineConflict,
}
