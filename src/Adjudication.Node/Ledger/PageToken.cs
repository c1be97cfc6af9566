using System.Globalization;
using Adjudication.Storage.Ledger;

namespace Adjudication.Node.Ledger;

/// <summary>
/// Where a ListSettlements page ended: the day and row id of its last row ("yyyyMMdd/ROWID"). The next page starts
/// after that row, so rows booked meanwhile on later days are not skipped and none is listed twice.
/// </summary>
internal sealed record PageToken(DateOnly Day, string RowId)
{
    // A row id is a setl_id (at most RequestCheck.MaxIdLength characters) and ":0" or ":1".
    private const int MaxRowIdLength = 80;

    /// <summary>The token after <paramref name="row"/>.</summary>
    public static string After(LedgerRow row) => string.Create(CultureInfo.InvariantCulture, $"{row.Day:yyyyMMdd}/{row.Id}");

    /// <summary>Reads a token; false for anything <see cref="After"/> did not write.</summary>
    public static bool TryParse(string text, out PageToken? token)
    {
        token = null;
        var cut = text.IndexOf('/', StringComparison.Ordinal);
        if (cut != 8 || text.Length - cut - 1 is < 3 or > MaxRowIdLength
            || !DateOnly.TryParseExact(text.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        token = new PageToken(day, text[(cut + 1)..]);
        return true;
    }

    /// <summary>Whether <paramref name="row"/> comes after this token in ledger order (day, then row id).</summary>
    public bool Precedes(LedgerRow row) => row.Day > Day || (row.Day == Day && string.CompareOrdinal(row.Id, RowId) > 0);
}
