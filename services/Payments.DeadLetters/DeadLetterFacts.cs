namespace Payments.DeadLetters;

/// <summary>
/// What can be said about a dead letter without deserializing it into its contract: the MassTransit envelope's
/// message id, type and order, and the <c>MT-Fault-*</c> headers MassTransit put on it when it moved it to the error
/// queue. The same for a message browsed on RabbitMQ and one kept by the in-memory transport's dead-letter store.
/// </summary>
public sealed record DeadLetterFacts(
    string? MessageId,
    string? MessageType,
    string? MessageTypeUrn,
    string? FaultMessage,
    string? FaultExceptionType,
    string? FaultStackTrace,
    string? FaultedAt,
    string? Consumer,
    string? OrderId);
