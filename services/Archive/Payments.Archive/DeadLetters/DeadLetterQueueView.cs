namespace Payments.Archive.DeadLetters;

/// <summary><c>GET /dead-letters</c>: one error queue, the queue its messages faulted on, and how many it holds.</summary>
internal sealed record DeadLetterQueueView(string Queue, string SourceQueue, long Depth);

/// <summary><c>GET /dead-letters</c>.</summary>
internal sealed record DeadLetterQueueListView(IReadOnlyList<DeadLetterQueueView> Queues);
