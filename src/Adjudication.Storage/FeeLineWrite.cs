using Adjudication.Domain.Classification;

namespace Adjudication.Storage;

/// <summary>One classified fee line to store: its feedetl_sn, a digest of the line as sent, the result bytes and amounts.</summary>
public readonly record struct FeeLineWrite(string FeedetlSn, byte[] InputDigest, byte[] Result, ClassifiedLine Amounts);
