namespace Payments.Persistence;

/// <summary>
/// A unit of work lost its race against concurrent writers of the same keys more often than it retries by itself.
/// It is transient: the message's next attempt finds the winners' rows (<see cref="DatabaseTransientFailures"/>).
/// </summary>
public sealed class ConcurrentWriteConflictException : Exception
{
    public ConcurrentWriteConflictException()
    {
    }

    public ConcurrentWriteConflictException(string message)
        : base(message)
    {
    }

    public ConcurrentWriteConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
