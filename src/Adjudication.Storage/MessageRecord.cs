namespace Adjudication.Storage;

/// <summary>The idempotency record of one msgid: what the call was and what it produced.</summary>
public sealed record MessageRecord(string Operation, byte[] Digest, byte[] Body, string SetlId, string MdtrtId);
