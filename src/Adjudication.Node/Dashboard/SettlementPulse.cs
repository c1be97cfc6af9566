using Adjudication.Node.Gateway;
using Adjudication.Node.Network;

namespace Adjudication.Node.Dashboard;

/// <summary>
/// Settlement calls a node answered, per second over the last minute, for the dashboard (DESIGN.md §9): at a city its
/// terminals' settles and pre-settles, at a province or the national node the adjudications it relayed.
/// </summary>
internal sealed class SettlementPulse(TimeProvider clock)
{
    private const int Seconds = 60;
    private static readonly string Adjudicate = RawMethods.ByName[RawMethods.Adjudicate].FullName;

    private readonly Lock _gate = new();
    private readonly long[] _counts = new long[Seconds];
    private readonly long[] _seconds = new long[Seconds];

    /// <summary>Counts the call to <paramref name="method"/> (a gRPC method path) when it is a settlement call.</summary>
    public void Answered(string method)
    {
        if (method == GrpcMethods.Settle || method == GrpcMethods.PreSettle || method == Adjudicate)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            var bucket = (int)(now % Seconds);
            lock (_gate)
            {
                if (_seconds[bucket] != now)
                {
                    _seconds[bucket] = now;
                    _counts[bucket] = 0;
                }

                _counts[bucket]++;
            }
        }
    }

    /// <summary>Calls a second over the <paramref name="window"/> whole seconds before the current one (1 to 59).</summary>
    public decimal PerSecond(int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(window, Seconds);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        long calls = 0;
        lock (_gate)
        {
            for (var i = 0; i < Seconds; i++)
            {
                if (_seconds[i] < now && _seconds[i] >= now - window)
                {
                    calls += _counts[i];
                }
            }
        }

        return decimal.Round((decimal)calls / window, 1);
    }
}
