namespace Adjudication.Storage.Tests.Infrastructure;

/// <summary>A clock standing at 2026-06-15 10:00 China time, so "this year" is 2026 in every test.</summary>
public sealed class FixedClock : TimeProvider
{
    /// <summary>The time every store of <see cref="StoreSet"/> sees.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
