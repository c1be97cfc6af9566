namespace Adjudication.LoadTest.Scenarios;

/// <summary>
/// A named scenario: an optional preparation (not measured) that readies <c>calls</c> invocations, then a step run once
/// per call with the call's index. A step that throws counts as a failure, grouped by status and reason.
/// </summary>
public sealed record LoadScenario(string Name, Func<int, Task>? Prepare, Func<int, Task> Step);
