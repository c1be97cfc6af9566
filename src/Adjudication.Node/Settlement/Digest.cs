using System.Security.Cryptography;
using Google.Protobuf;

namespace Adjudication.Node.Settlement;

/// <summary>The payload fingerprint behind "same msgid, same payload" (DESIGN.md §4 invariants): SHA-256 of the request bytes.</summary>
internal static class Digest
{
    public static byte[] Of(IMessage message)
    {
        var size = message.CalculateSize();
        var buffer = size <= 4096 ? stackalloc byte[size] : new byte[size];
        message.WriteTo(buffer);
        return SHA256.HashData(buffer);
    }
}
