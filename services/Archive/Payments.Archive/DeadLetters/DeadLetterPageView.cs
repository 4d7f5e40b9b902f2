namespace Payments.Archive.DeadLetters;

/// <summary><c>GET /dead-letters/{queue}</c>: the queue's depth and its first messages, head first.</summary>
internal sealed record DeadLetterPageView(string Queue, long Depth, IReadOnlyList<DeadLetterSummaryView> Messages);
