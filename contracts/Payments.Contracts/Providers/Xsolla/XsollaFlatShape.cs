using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// The five Xsolla messages as JSON of the earlier shape, every field flat on the message instead of in its
/// <see cref="XsollaTransaction"/> or <see cref="XsollaOrder"/>, read as the current shape (docs/providers/xsolla.md;
/// README "Tools", the archive). Such JSON is in archive rows stored before the change, and in queues during a
/// rolling upgrade, when a new consumer takes a message an old Ingress published. Names in that JSON are camelCase
/// (the archive's and MassTransit's serializer options) and are matched without regard to case, as both of them do.
/// </summary>
public static class XsollaFlatShape
{
    private static readonly Dictionary<Type, Shape> Shapes = new()
    {
        [typeof(XsollaPaymentReceived)] = Shape.Transaction(options => new TolerantConverter<XsollaPaymentReceived>(options)),
        [typeof(XsollaRefundReceived)] = Shape.Transaction(options => new TolerantConverter<XsollaRefundReceived>(options)),
        [typeof(XsollaPartialRefundReceived)] = Shape.Transaction(options => new TolerantConverter<XsollaPartialRefundReceived>(options)),
        [typeof(XsollaOrderPaidReceived)] = Shape.Order(options => new TolerantConverter<XsollaOrderPaidReceived>(options)),
        [typeof(XsollaOrderCanceledReceived)] = Shape.Order(options => new TolerantConverter<XsollaOrderCanceledReceived>(options)),
    };

    /// <summary>Case-insensitive property names, as the serializer options that read these messages have them.</summary>
    public static JsonNodeOptions NodeOptions { get; } = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Reads either shape of the five messages and writes the current one. Add it to serializer options (first, so
    /// no other converter takes these types) with <see cref="Tolerate"/>.
    /// </summary>
    public static JsonConverterFactory Converter { get; } = new TolerantConverterFactory();

    /// <summary>
    /// Moves the flat fields of an earlier-shape <paramref name="message"/> of <paramref name="messageType"/> into
    /// its record, in place. False, and nothing changed, for JSON of the current shape and for any other type.
    /// </summary>
    public static bool Upgrade(Type messageType, JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Shapes.TryGetValue(messageType, out var shape) || message.ContainsKey(shape.Property) || !message.ContainsKey(shape.Marker))
        {
            return false;
        }

        // The record takes the place of the first field it takes in, so the message reads in its declared order.
        var position = message.Count;
        var record = new JsonObject(message.Options);
        foreach (var (flat, name) in shape.Fields)
        {
            if (message.TryGetPropertyValue(flat, out var value))
            {
                position = Math.Min(position, message.IndexOf(flat));
                message.Remove(flat);
                record[name] = value;
            }
        }

        message.Insert(position, shape.Property, record);
        return true;
    }

    /// <summary><paramref name="options"/> with <see cref="Converter"/> first: a copy when it has not got it (options in use cannot change).</summary>
    public static JsonSerializerOptions Tolerate(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Converters.Contains(Converter))
        {
            return options;
        }

        var tolerant = new JsonSerializerOptions(options);
        tolerant.Converters.Insert(0, Converter);
        return tolerant;
    }

    /// <summary>Where one message type keeps its record, and which flat field went where.</summary>
    private sealed record Shape(string Property, string Marker, (string Flat, string Name)[] Fields, Func<JsonSerializerOptions, JsonConverter> Converter)
    {
        public static Shape Transaction(Func<JsonSerializerOptions, JsonConverter> converter) => new(
            "transaction",
            "transactionId",
            [
                ("transactionId", "id"), ("externalId", "externalId"), ("paymentDate", "paymentDate"), ("orderId", "orderId"),
                ("userId", "userId"), ("items", "items"), ("amount", "amount"), ("currency", "currency"),
                ("refundCode", "refundCode"), ("refundReason", "refundReason"),
            ],
            converter);

        public static Shape Order(Func<JsonSerializerOptions, JsonConverter> converter) => new(
            "order",
            "webhookMode",
            [
                ("webhookMode", "webhookMode"), ("orderId", "id"), ("invoiceId", "invoiceId"), ("orderMode", "mode"), ("orderStatus", "status"),
                ("userId", "userId"), ("items", "items"), ("amount", "amount"), ("currency", "currency"), ("currencyType", "currencyType"),
                ("transactionId", "billingTransactionId"), ("externalId", "billingExternalId"), ("paymentDate", "billingPaymentDate"),
            ],
            converter);
    }

    private sealed class TolerantConverterFactory : JsonConverterFactory
    {
        // The options without this factory, to read and write the message itself without coming back here.
        private readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> _inner = [];

        public override bool CanConvert(Type typeToConvert) => Shapes.ContainsKey(typeToConvert);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            Shapes[typeToConvert].Converter(_inner.GetValue(options, Without));

        private JsonSerializerOptions Without(JsonSerializerOptions options)
        {
            var inner = new JsonSerializerOptions(options);
            inner.Converters.Remove(this);
            return inner;
        }
    }

    private sealed class TolerantConverter<TMessage>(JsonSerializerOptions inner) : JsonConverter<TMessage>
        where TMessage : class
    {
        public override TMessage? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var node = JsonNode.Parse(ref reader, NodeOptions);
            if (node is JsonObject message)
            {
                Upgrade(typeof(TMessage), message);
            }

            return node.Deserialize<TMessage>(inner);
        }

        public override void Write(Utf8JsonWriter writer, TMessage value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, inner);
    }
}
