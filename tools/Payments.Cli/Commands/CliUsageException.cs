namespace Payments.Cli.Commands;

/// <summary>A request the CLI refuses with an explanation (e.g. moving messages without a terminal to confirm).</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
