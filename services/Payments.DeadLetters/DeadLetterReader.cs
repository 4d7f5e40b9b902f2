using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Payments.DeadLetters;

/// <summary>
/// Reads what MassTransit puts on a faulted message when it moves it to <c>&lt;queue&gt;_error</c>: the AMQP
/// message id, the <c>MT-Fault-*</c> headers, and the message type and order from the JSON envelope.
/// </summary>
public static class DeadLetterReader
{
    public const string FaultMessageHeader = "MT-Fault-Message";
    public const string FaultExceptionTypeHeader = "MT-Fault-ExceptionType";
    public const string FaultStackTraceHeader = "MT-Fault-StackTrace";
    public const string FaultTimestampHeader = "MT-Fault-Timestamp";
    public const string FaultConsumerTypeHeader = "MT-Fault-ConsumerType";
    public const string ReasonHeader = "MT-Reason";

    /// <summary>Headers MassTransit adds when it moves a message to the error queue; a moved-back message must not carry them.</summary>
    public static bool IsFaultHeader(string name) =>
        name.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase) || name.Equals(ReasonHeader, StringComparison.OrdinalIgnoreCase);

    public static DeadLetter Read(BasicGetResult delivery) =>
        new(delivery, Facts(delivery.BasicProperties.MessageId, Headers(delivery.BasicProperties.Headers), delivery.Body.Span));

    /// <summary>Every header as text: AMQP carries strings as bytes, MassTransit's own as strings.</summary>
    public static IReadOnlyDictionary<string, string?> Headers(IDictionary<string, object?>? headers) =>
        (headers ?? new Dictionary<string, object?>()).ToDictionary(header => header.Key, header => Text(header.Value), StringComparer.Ordinal);

    public static DeadLetterFacts Facts(string? transportMessageId, IReadOnlyDictionary<string, string?> headers, ReadOnlySpan<byte> body)
    {
        var envelope = Envelope(body);
        return new DeadLetterFacts(
            transportMessageId ?? envelope.MessageId,
            envelope.MessageTypeUrn?[(envelope.MessageTypeUrn.LastIndexOf(':') + 1)..],
            envelope.MessageTypeUrn,
            Header(headers, FaultMessageHeader),
            Header(headers, FaultExceptionTypeHeader),
            Header(headers, FaultStackTraceHeader),
            Header(headers, FaultTimestampHeader),
            Header(headers, FaultConsumerTypeHeader),
            envelope.OrderId);
    }

    private static string? Header(IReadOnlyDictionary<string, string?> headers, string name) =>
        headers.FirstOrDefault(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        IEnumerable<object?> list when value is not string => "[" + string.Join(", ", list.Select(Text)) + "]",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static (string? MessageId, string? MessageTypeUrn, string? OrderId) Envelope(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            var messageId = String(root, "messageId");
            var messageType = root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()
                : null;

            // Domain events name their order (OrderId); the saga's own messages correlate on it.
            var orderId = root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                ? String(message, "orderId") ?? String(message, "correlationId")
                : null;
            return (messageId, messageType, orderId);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
