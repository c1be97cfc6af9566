using System.Globalization;

namespace Adjudication.Storage.Clearing;

/// <summary>
/// One clearing aggregate (DESIGN.md §11): a month and a pair of regions, the treatment region whose funds advanced
/// and the insured region that owes it. A city's aggregates pair itself with insured cities, a province's pair its
/// cities, the national node's pair provinces; the insured city's own records pair it with treatment cities.
/// </summary>
/// <param name="Month">"yyyyMM", China time.</param>
/// <param name="Treatment">就医地 region: a city or a province code.</param>
/// <param name="Insured">参保地 region: a city or a province code.</param>
public readonly record struct ClearingPair(string Month, string Treatment, string Insured)
{
    /// <summary>The month as "yyyy-MM".</summary>
    public string MonthText => string.Concat(Month.AsSpan(0, 4), "-", Month.AsSpan(4, 2));

    /// <summary>The first and last China day of the month.</summary>
    public (DateOnly First, DateOnly Last) Days
    {
        get
        {
            var first = DateOnly.ParseExact(Month + "01", "yyyyMMdd", CultureInfo.InvariantCulture);
            return (first, first.AddMonths(1).AddDays(-1));
        }
    }
}
