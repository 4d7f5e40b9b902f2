using Payments.DeadLetters;

namespace Payments.Archive.DeadLetters;

/// <summary>One message of an error queue as listed: what it is, which order it belongs to, and why it faulted.</summary>
internal sealed record DeadLetterSummaryView(
    string? MessageId,
    string? MessageType,
    string? FaultMessage,
    string? FaultExceptionType,
    DateTimeOffset? FaultedAt,
    string? Consumer,
    string? OrderId,
    bool Redelivered)
{
    public static DeadLetterSummaryView From(DeadLetterFacts facts, bool redelivered) => new(
        facts.MessageId, facts.MessageType, facts.FaultMessage, facts.FaultExceptionType, FaultTime.Parse(facts.FaultedAt), facts.Consumer, facts.OrderId, redelivered);
}
