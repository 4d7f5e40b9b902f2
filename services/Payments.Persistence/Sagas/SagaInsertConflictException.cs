namespace Payments.Persistence.Sagas;

/// <summary>
/// A new saga instance could not be inserted because a row with its key (or another unique value) was written
/// concurrently. The repository rolls the attempt back and lets this leave at once: it is transient, so the endpoint's
/// message retry runs the message again (in a new in-memory outbox, so nothing the failed attempt published leaves),
/// and that attempt finds the row and applies the event to it. The repository never runs the saga pipe again itself.
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
