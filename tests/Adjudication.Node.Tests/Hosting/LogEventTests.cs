using System.Reflection;
using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Microsoft.Extensions.Logging;

namespace Adjudication.Node.Tests.Hosting;

/// <summary>
/// The node's log events (CONVENTIONS.md "Logging", after grpc-dotnet's GrpcServerLog): each source-generated message has
/// an id and a name of its own, and a failure is logged with the exception object, never with its text alone.
/// </summary>
public sealed class LogEventTests
{
    private static readonly (MethodInfo Method, LoggerMessageAttribute Event)[] Events = [.. typeof(NodeHost).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
        .Select(m => (Method: m, Event: m.GetCustomAttribute<LoggerMessageAttribute>()!))
        .Where(e => e.Event is not null)];

    [Fact]
    public void Events_Node_HaveUniqueIdsAndNamesAfterTheirMethods()
    {
        // The reflection sees the generated events of each log class.
        Assert.Contains(Events, e => e.Method.DeclaringType == typeof(NodeLog) && e.Method.Name == "CallRefused");
        Assert.Contains(Events, e => e.Method.DeclaringType == typeof(NetworkLog) && e.Method.Name == "FilingPushFailed");
        Assert.Contains(Events, e => e.Method.DeclaringType!.Name == "ErrorLog" && e.Method.Name == "HandlerFailed");
        Assert.All(Events, e => Assert.True(e.Event.EventId > 0, $"{e.Method.Name} has no event id"));
        Assert.All(Events, e => Assert.Equal(e.Method.Name, e.Event.EventName));
        Assert.Equal(Events.Length, Events.Select(e => e.Event.EventId).Distinct().Count());
        Assert.Equal(Events.Length, Events.Select(e => e.Event.EventName).Distinct().Count());
    }

    [Fact]
    public void Events_Failures_TakeTheExceptionNotItsText()
    {
        foreach (var (method, logEvent) in Events)
        {
            var parameters = method.GetParameters();
            Assert.DoesNotContain(parameters, p => p.ParameterType == typeof(string) && (p.Name!.Contains("error", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("exception", StringComparison.OrdinalIgnoreCase)));
            if (logEvent.Level >= LogLevel.Warning && (method.Name.EndsWith("Failed", StringComparison.Ordinal) || logEvent.Message.Contains("failed", StringComparison.OrdinalIgnoreCase)))
            {
                Assert.True(parameters.Any(p => p.ParameterType == typeof(Exception)), $"{method.Name} logs a failure without its exception");
            }
        }
    }

    [Fact]
    public void FilingPushFailed_Logged_CarriesIdNameAndTheExceptionObject()
    {
        var logger = new RecordingLogger();
        var failure = new InvalidOperationException("hop P-140000 unavailable");

        NetworkLog.FilingPushFailed(logger, "F1", 3, "110100", failure);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(new EventId(1101, "FilingPushFailed"), entry.Id);
        Assert.Equal(1101, entry.Id.Id);
        Assert.Equal("FilingPushFailed", entry.Id.Name);
        Assert.Same(failure, entry.Exception);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("Push of filing F1 v3 toward 110100 failed, will retry", entry.Message);
    }

    /// <summary>An <see cref="ILogger"/> that keeps what it is given.</summary>
    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, EventId Id, Exception? Exception, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId, exception, formatter(state, exception)));
    }
}
