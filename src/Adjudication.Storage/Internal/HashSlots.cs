using System.Globalization;
using System.Text;

namespace Adjudication.Storage.Internal;

/// <summary>
/// Redis Cluster's key slots (CRC16/XMODEM of the hash tag, modulo 16384), and for every slot a short tag that hashes
/// to it. A script may write an outbox key only in the slot of the keys it changes (DESIGN.md §6); naming the outbox of
/// each slot by such a tag lets a worker find every outbox by walking the slots, on one server or a cluster alike.
/// </summary>
internal static class HashSlots
{
    /// <summary>Slots of Redis Cluster; a single server has them too, as names.</summary>
    public const int Count = 16384;

    private static readonly ushort[] Crc16Table = BuildTable();
    private static readonly string[] Tags = BuildTags();

    /// <summary>The slot of <paramref name="key"/>: of its hash tag (the text between the first '{' and the next '}', when not empty), else of the whole key.</summary>
    public static int Of(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                return Crc16(key.AsSpan(open + 1, close - open - 1));
            }
        }

        return Crc16(key);
    }

    /// <summary>A tag whose slot is <paramref name="slot"/>.</summary>
    public static string TagOf(int slot) => Tags[slot];

    private static int Crc16(ReadOnlySpan<char> text)
    {
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        ushort crc = 0;
        foreach (var b in bytes[..length])
        {
            crc = (ushort)((crc << 8) ^ Crc16Table[((crc >> 8) ^ b) & 0xff]);
        }

        return crc % Count;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }

            table[i] = crc;
        }

        return table;
    }

    // "o0", "o1", ... until every slot has one: about 170,000 hashes, once per process.
    private static string[] BuildTags()
    {
        var tags = new string[Count];
        var found = 0;
        for (var n = 0; found < Count; n++)
        {
            var candidate = "o" + n.ToString(CultureInfo.InvariantCulture);
            var slot = Crc16(candidate);
            if (tags[slot] is null)
            {
                tags[slot] = candidate;
                found++;
            }
        }

        return tags;
    }
}
