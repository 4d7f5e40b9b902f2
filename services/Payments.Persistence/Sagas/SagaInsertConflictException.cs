namespace Payments.Persistence.Sagas;

/// <summary>
/// A new saga instance could not be inserted because a row with its key (or another unique value) was written
/// concurrently. The repository retries the message once against the existing row by itself; this exception
/// leaves the repository only when the retry collides again, and is meant for the endpoint's message retry.
/// </summary>
public sealed class SagaInsertConflictException : Exception
{
    public SagaInsertConflictException()
    {
    }

    public SagaInsertConflictException(string message)
        : base(message)
    {
    }

    public SagaInsertConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SagaInsertConflictException(Type sagaType, Guid correlationId, Exception innerException)
        : base($"A {sagaType?.Name} instance with correlation id {correlationId} was inserted concurrently.", innerException)
    {
        SagaType = sagaType;
        CorrelationId = correlationId;
    }

    public Type? SagaType { get; }

    public Guid? CorrelationId { get; }
}
