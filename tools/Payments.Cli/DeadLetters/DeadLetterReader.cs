using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Payments.Cli.DeadLetters;

/// <summary>
/// Reads what MassTransit puts on a faulted message when it moves it to <c>&lt;queue&gt;_error</c>: the AMQP
/// message id, the <c>MT-Fault-*</c> headers, and the message type from the JSON envelope.
/// </summary>
internal static class DeadLetterReader
{
    /// <summary>Headers MassTransit adds when it moves a message to the error queue; a moved-back message must not carry them.</summary>
    public static bool IsFaultHeader(string name) =>
        name.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase) || name.Equals("MT-Reason", StringComparison.OrdinalIgnoreCase);

    public static DeadLetter Read(BasicGetResult delivery)
    {
        var properties = delivery.BasicProperties;
        var headers = properties.Headers ?? new Dictionary<string, object?>();
        var envelope = Envelope(delivery.Body.Span);
        return new DeadLetter(
            delivery,
            properties.MessageId ?? envelope.MessageId,
            envelope.MessageType,
            Header(headers, "MT-Fault-Message"),
            Header(headers, "MT-Fault-ConsumerType"),
            Header(headers, "MT-Fault-Timestamp"));
    }

    private static string? Header(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => value.ToString(),
        } : null;

    private static (string? MessageId, string? MessageType) Envelope(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var messageId = root.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            var messageType = root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()
                : null;

            // urn:message:Payments.Contracts.Orders:OrderPaid → OrderPaid
            return (messageId, messageType?[(messageType.LastIndexOf(':') + 1)..]);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
