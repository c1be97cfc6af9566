using System.Globalization;

namespace Adjudication.Cli.Import;

/// <summary>
/// Reading the values of an import row as the national interface writes them: flags 1/0, codes as numbers
/// (insutype 310, psn_type 1-4, hosp_lv 1/2/3/9), money as yuan with at most two decimals. A value that does not read
/// throws <see cref="RowRefusedException"/> naming the column, and the row is refused before it is sent.
/// </summary>
internal static class RowValues
{
    /// <summary>A 1/0 flag (also true/false); blank is <paramref name="blank"/>.</summary>
    public static bool Flag(ImportRow row, string column, bool blank = false) => row[column] switch
    {
        "" => blank,
        "1" or "true" or "TRUE" or "True" => true,
        "0" or "false" or "FALSE" or "False" => false,
        var other => throw new RowRefusedException($"{column} '{other}' must be 1 or 0"),
    };

    /// <summary>A code of a national table, as the enum value it names.</summary>
    public static TEnum Code<TEnum>(ImportRow row, string column)
        where TEnum : struct, Enum
    {
        if (int.TryParse(row[column], NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code != 0 && Enum.IsDefined(typeof(TEnum), code))
        {
            return (TEnum)Enum.ToObject(typeof(TEnum), code);
        }

        var known = string.Join(", ", Enum.GetValues<TEnum>().Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)).Where(v => v != 0));
        throw new RowRefusedException($"{column} '{row[column]}' must be one of {known}");
    }

    /// <summary>An amount in yuan with at most two decimals (e.g. 1200.50), as fen; a third decimal is refused.</summary>
    public static long Fen(ImportRow row, string column)
    {
        if (!decimal.TryParse(row[column], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)
            || yuan * 100 != decimal.Truncate(yuan * 100) || Math.Abs(yuan) > 1_000_000_000m)
        {
            throw new RowRefusedException($"{column} '{row[column]}' must be an amount in yuan with at most two decimals, e.g. 1200.50");
        }

        return (long)(yuan * 100);
    }
}

/// <summary>A row whose values do not read: refused with this message, not sent.</summary>
internal sealed class RowRefusedException(string message) : Exception(message);
