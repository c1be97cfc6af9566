using Adjudication.Contracts.V1;
using Google.Protobuf;

namespace Adjudication.Node.Settlement;

/// <summary>
/// The insured city's answer to a settle, as a message, as its serialized bytes, or both: a commit serializes the
/// response once and stores those bytes, a replay has only the stored bytes. A terminal of this city gets the message;
/// a treatment city gets the bytes unchanged (DESIGN.md §3: relays forward bytes without re-serializing).
/// </summary>
internal readonly record struct SettleAnswer(SettleResponse? Response, byte[]? Body)
{
    /// <summary>The answer as a message, parsed from the bytes only when there is no message.</summary>
    public SettleResponse Message => Response ?? SettleResponse.Parser.ParseFrom(Body);

    /// <summary>The answer as bytes, serialized only when there are no bytes yet.</summary>
    public byte[] Bytes => Body ?? Response!.ToByteArray();
}
