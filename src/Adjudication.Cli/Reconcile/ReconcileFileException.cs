namespace Adjudication.Cli.Reconcile;

/// <summary>A 3202 rows file that cannot be used, with the line at fault in the message.</summary>
internal sealed class ReconcileFileException(string message) : Exception(message);
