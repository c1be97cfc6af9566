using Adjudication.Cli.Demo;
using Grpc.Core;

namespace Adjudication.Cli.Tests;

/// <summary>The demo load asks again when the node answers UNAVAILABLE (its store slow for a moment), a bounded number of times.</summary>
public sealed class DemoSeederTests
{
    [Fact]
    public async Task RetryWhileUnavailable_UnavailableTwice_LoadsOnTheThirdAttempt()
    {
        // Arrange
        var attempts = 0;

        // Act
        await DemoSeeder.RetryWhileUnavailableAsync(() => ++attempts < 3 ? throw Unavailable() : Task.CompletedTask);

        // Assert
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task RetryWhileUnavailable_AlwaysUnavailable_GivesUpAfterMaxAttemptsWithTheNodesAnswer()
    {
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<RpcException>(() => DemoSeeder.RetryWhileUnavailableAsync(() => { attempts++; throw Unavailable(); }));

        Assert.Equal(DemoSeeder.MaxLoadAttempts, attempts);
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task RetryWhileUnavailable_Refused_NotAskedAgain()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<RpcException>(() => DemoSeeder.RetryWhileUnavailableAsync(() => { attempts++; throw new RpcException(new Status(StatusCode.FailedPrecondition, "refused")); }));

        Assert.Equal(1, attempts);
    }

    private static RpcException Unavailable() => new(new Status(StatusCode.Unavailable, "store unavailable"));
}
