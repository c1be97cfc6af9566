using System.Globalization;

namespace Adjudication.LoadTest.Simulation;

/// <summary>
/// How load is applied, in NBomber's terms: <c>Inject</c> is the open model (a fixed arrival rate, latency measured
/// from each call's intended start so queueing is not hidden); <c>KeepConstant</c> the closed model (a fixed number of
/// callers, each sending its next call when the last returns).
/// </summary>
public sealed record LoadSimulation(bool Open, int Rate, int Concurrency, TimeSpan Duration)
{
    /// <summary>The open model: <paramref name="rate"/> calls per second for <paramref name="duration"/>.</summary>
    public static LoadSimulation Inject(int rate, TimeSpan duration) => new(true, rate, 0, duration);

    /// <summary>The closed model: <paramref name="concurrency"/> callers for <paramref name="duration"/>.</summary>
    public static LoadSimulation KeepConstant(int concurrency, TimeSpan duration) => new(false, 0, concurrency, duration);

    /// <summary>How many calls this simulation may make at most (the open model's schedule; an estimate for closed).</summary>
    public int MaxCalls(int closedRateEstimate) => (int)Math.Ceiling((Open ? Rate : closedRateEstimate) * Duration.TotalSeconds);

    /// <inheritdoc />
    public override string ToString() => Open
        ? string.Create(CultureInfo.InvariantCulture, $"inject {Rate}/s for {Duration.TotalSeconds:0}s")
        : string.Create(CultureInfo.InvariantCulture, $"keep {Concurrency} callers for {Duration.TotalSeconds:0}s");
}
