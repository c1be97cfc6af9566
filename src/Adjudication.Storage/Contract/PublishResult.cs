namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>publish_policy.lua</c> and <c>publish_zone.lua</c>: a publication idempotent by msgid.</summary>
public enum PublishResult
{
    /// <summary><c>ok</c>: stored as a new version.</summary>
    Published,

    /// <summary><c>replay</c>: this msgid published this content before; nothing changed.</summary>
    Replayed,

    /// <summary><c>conflict</c>: the msgid was used before with other content.</summary>
    MsgidConflict,
}
