namespace Payments.Archive.DeadLetters;

/// <summary><c>POST /dead-letters/{queue}/requeue</c>: the ids moved back to their queue, and those the error queue did not hold.</summary>
internal sealed record RequeueResultView(IReadOnlyList<string> Requeued, IReadOnlyList<string> NotFound);

/// <summary>The body of <c>POST /dead-letters/{queue}/requeue</c>.</summary>
internal sealed record RequeueRequest(IReadOnlyList<string>? MessageIds);
