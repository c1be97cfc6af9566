namespace Adjudication.Node.Security;

/// <summary>The node cannot start as configured; the message says what to change.</summary>
public sealed class NodeConfigurationException(string message) : Exception(message);
