namespace Adjudication.Storage.Contract;

/// <summary>Every outcome of a discharge (2402), a conditional transaction rather than a script.</summary>
public enum DischargeResult
{
    /// <summary>The discharge time is recorded.</summary>
    Discharged,

    /// <summary>This msgid discharged the visit before.</summary>
    Replayed,

    /// <summary>The msgid was used before with a different payload.</summary>
    MsgidConflict,

    /// <summary>The visit does not exist.</summary>
    VisitNotFound,
}
