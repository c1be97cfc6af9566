using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace Adjudication.Node.ReferenceData;

/// <summary>
/// The payload fingerprint of an agency's reference-data call: SHA-256 of the message's type name and bytes. The name
/// counts because a credit and an adjustment of the same amount are the same bytes, and a msgid reused across them
/// must be a conflict, not a replay (DESIGN.md §7).
/// </summary>
internal static class CallDigest
{
    public static byte[] Of(IMessage message)
    {
        var name = Encoding.UTF8.GetBytes(message.Descriptor.FullName);
        var buffer = new byte[name.Length + 1 + message.CalculateSize()];
        name.CopyTo(buffer, 0);
        message.WriteTo(buffer.AsSpan(name.Length + 1));
        return SHA256.HashData(buffer);
    }
}
