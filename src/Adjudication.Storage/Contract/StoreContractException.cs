namespace Adjudication.Storage.Contract;

/// <summary>
/// A script answered something its reply table does not list (CONVENTIONS.md: an unknown reply is an error, never a
/// silent retry). It means the node and its scripts disagree; nothing about the call's outcome can be assumed.
/// </summary>
public sealed class StoreContractException : Exception
{
    /// <summary>Creates the exception for <paramref name="script"/>'s unknown <paramref name="reply"/>.</summary>
    public StoreContractException(string script, string? reply)
        : base($"{script} answered '{reply ?? "(nothing)"}', which is not in its reply table; the node and its scripts disagree.")
    {
        Script = script;
        Reply = reply;
    }

    /// <summary>The script's file name.</summary>
    public string Script { get; }

    /// <summary>The head of the reply, or null when there was none.</summary>
    public string? Reply { get; }
}
