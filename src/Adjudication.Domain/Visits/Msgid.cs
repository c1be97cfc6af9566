using System.Globalization;
using Adjudication.Domain.Institutions;

namespace Adjudication.Domain.Visits;

/// <summary>
/// 报文ID: <c>fixmedins_code</c>(12) + <c>yyyyMMddHHmmss</c>(14) + sequence(4) (DESIGN.md §2), the idempotency key
/// of every mutating call.
/// </summary>
public static class Msgid
{
    /// <summary>Length of a msgid.</summary>
    public const int Length = 30;

    /// <summary>Describes what is wrong with <paramref name="msgid"/>, or returns null when it is well formed
    /// and, when <paramref name="fixmedinsCode"/> is given, starts with it.</summary>
    public static string? Problem(string msgid, string? fixmedinsCode)
    {
        if (msgid.Length != Length)
        {
            return $"must be {Length} characters: fixmedins_code(12) + yyyyMMddHHmmss(14) + sequence(4); got {msgid.Length}";
        }

        var span = msgid.AsSpan();
        if (!FixmedinsCode.IsValid(span[..12]) && !IsAgencyPrefix(span[..12]))
        {
            return "must start with the 12-character sender code (H/P + 11 digits, or an agency code A + 11 digits)";
        }

        if (fixmedinsCode is not null && !span[..12].SequenceEqual(fixmedinsCode))
        {
            return $"must start with the caller's fixmedins_code {fixmedinsCode}";
        }

        if (!DateTime.TryParseExact(span.Slice(12, 14), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return "characters 13-26 must be a valid yyyyMMddHHmmss time";
        }

        foreach (var c in span[26..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return "the last 4 characters must be a numeric sequence";
            }
        }

        return null;
    }

    // Agencies (经办机构) send filing calls; their sender code is 'A' + 11 digits.
    private static bool IsAgencyPrefix(ReadOnlySpan<char> prefix)
    {
        if (prefix[0] != 'A')
        {
            return false;
        }

        foreach (var c in prefix[1..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
