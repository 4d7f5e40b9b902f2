namespace Payments.Archive.DeadLetters;

/// <summary>The answer of a lookup in a known error queue: the message, or null when the queue does not hold it.</summary>
internal sealed record DeadLetterLookup(DeadLetterDetailView? Message);
