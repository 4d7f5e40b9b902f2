namespace Payments.Archive.DeadLetters;

/// <summary>
/// The type a requeue is sent as on the in-memory transport; it never reaches a consumer: the body sent is the dead
/// letter's own envelope (<see cref="InMemoryDeadLetterQueues"/>), which names the original message type.
/// </summary>
internal sealed class RequeuedDeadLetter;
