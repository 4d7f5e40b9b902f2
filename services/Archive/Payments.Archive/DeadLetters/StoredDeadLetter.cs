using Payments.DeadLetters;

namespace Payments.Archive.DeadLetters;

/// <summary>A message the in-memory transport's error pipe kept instead of moving it to <c>&lt;queue&gt;_error</c>.</summary>
internal sealed record StoredDeadLetter(
    long Sequence, Guid? MessageId, string ContentType, IReadOnlyDictionary<string, string?> Headers, byte[] Body, bool Redelivered)
{
    public DeadLetterFacts Facts => DeadLetterReader.Facts(MessageId?.ToString(), Headers, Body);
}
