namespace Payments.Archive.DeadLetters;

/// <summary>
/// The system's MassTransit error queues as the operators' console sees them: list, browse, inspect one message, and
/// move chosen messages back to the queue they faulted on under their own MessageId. On RabbitMQ (every real
/// deployment) the broker's <c>&lt;queue&gt;_error</c> queues themselves (<see cref="RabbitMqDeadLetterQueues"/>); on the
/// in-memory transport of the standalone host, which offers no way to read a queue without consuming it, a store the
/// error pipe of every endpoint fills instead of that queue (<see cref="InMemoryDeadLetterQueues"/>).
/// A <paramref name="queue"/> that is not one of the listed error queues gives null: the API answers 404.
/// Broker failures surface as <see cref="DeadLetterBrokerUnavailableException"/> (503).
/// </summary>
internal interface IDeadLetterQueues
{
    Task<IReadOnlyList<DeadLetterQueueView>> ListAsync(CancellationToken cancellationToken);

    Task<DeadLetterPageView?> BrowseAsync(string queue, int limit, CancellationToken cancellationToken);

    /// <summary>Null when the queue is unknown; a lookup whose <see cref="DeadLetterLookup.Message"/> is null when the message is not in it.</summary>
    Task<DeadLetterLookup?> FindAsync(string queue, string messageId, CancellationToken cancellationToken);

    Task<RequeueResultView?> RequeueAsync(string queue, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);
}
