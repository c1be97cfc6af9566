namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// The node's clock, fixed so "this year" (DESIGN.md §4.2 step 8: the calendar year in China time, from the node's
/// clock) and every settlement time are the same on every run. A test may move it with <see cref="Set"/>. Only
/// wall-clock time is fixed; timers and timestamps stay real, so Kestrel, Redis and gRPC deadlines behave normally.
/// </summary>
public sealed class FixedClock : TimeProvider
{
    /// <summary>2026-06-15 10:00:00 China Standard Time: mid-year, so no test straddles a year boundary by accident.</summary>
    public static readonly DateTimeOffset Default = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The settlement time every response of a node on <see cref="Default"/> carries.</summary>
    public const string DefaultFormatted = "2026-06-15 10:00:00";

    private long _utcTicks;

    /// <summary>A clock at <paramref name="now"/>.</summary>
    public FixedClock(DateTimeOffset now) => Set(now);

    /// <summary>A clock at <see cref="Default"/>.</summary>
    public FixedClock()
        : this(Default)
    {
    }

    /// <summary>Moves the clock to <paramref name="now"/>.</summary>
    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
}
