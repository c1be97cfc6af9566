namespace Adjudication.Domain.Time;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving). "Yearly" means the calendar year of the settlement time in
/// CST, taken from the node's clock, never from the caller (DESIGN.md §4.2 step 8).
/// </summary>
public static class ChinaTime
{
    /// <summary>The fixed offset of CST.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The current CST time from <paramref name="clock"/>.</summary>
    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    /// <summary>Formats a CST time the way the national interface does.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
