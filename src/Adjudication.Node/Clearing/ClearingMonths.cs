using System.Globalization;
using Adjudication.Node.Validation;

namespace Adjudication.Node.Clearing;

/// <summary>Clearing months: "yyyy-MM" on the wire, "yyyyMM" in the store, China time (DESIGN.md §11).</summary>
internal static class ClearingMonths
{
    /// <summary>The store's "yyyyMM" of a "yyyy-MM" <paramref name="value"/>, or "" with a violation added.</summary>
    public static string Parse(string value, string field, RequestCheck check)
    {
        if (DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && first >= RequestCheck.MinDate && first <= RequestCheck.MaxDate)
        {
            return first.ToString("yyyyMM", CultureInfo.InvariantCulture);
        }

        check.Add(field, "must be a month yyyy-MM");
        return string.Empty;
    }

    /// <summary>Whether "yyyyMM" <paramref name="month"/> ended before the China month of <paramref name="now"/>.</summary>
    public static bool IsClosed(string month, DateTimeOffset now) =>
        string.CompareOrdinal(month, now.ToString("yyyyMM", CultureInfo.InvariantCulture)) < 0;
}
