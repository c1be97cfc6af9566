namespace Adjudication.Cli.Commands;

/// <summary>The node refused the demo data, or stopped answering while it was loaded through its API; the message says what to do.</summary>
public sealed class DemoDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DemoDataException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public DemoDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public DemoDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
