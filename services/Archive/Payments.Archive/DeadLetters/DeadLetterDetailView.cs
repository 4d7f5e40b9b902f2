using System.Text;
using Payments.DeadLetters;

namespace Payments.Archive.DeadLetters;

/// <summary><c>GET /dead-letters/{queue}/{messageId}</c>: the message with its fault, every header and its body as text.</summary>
internal sealed record DeadLetterDetailView(
    string? MessageId,
    string? MessageType,
    string? FaultMessage,
    string? FaultExceptionType,
    string? FaultStackTrace,
    DateTimeOffset? FaultedAt,
    string? Consumer,
    string? OrderId,
    IReadOnlyDictionary<string, string?> Headers,
    string Body)
{
    public static DeadLetterDetailView From(DeadLetterFacts facts, IReadOnlyDictionary<string, string?> headers, ReadOnlySpan<byte> body) => new(
        facts.MessageId,
        facts.MessageType,
        facts.FaultMessage,
        facts.FaultExceptionType,
        facts.FaultStackTrace,
        FaultTime.Parse(facts.FaultedAt),
        facts.Consumer,
        facts.OrderId,
        headers,
        Encoding.UTF8.GetString(body));
}
