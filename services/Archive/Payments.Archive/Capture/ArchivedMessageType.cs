using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Contracts.Providers.Xsolla;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Archive.Capture;

/// <summary>
/// One provider message type the archive keeps: how to index it, and how to publish a stored copy again as that
/// same type (MassTransit routes on the message type, so a replay must not publish a plain object).
/// </summary>
public sealed class ArchivedMessageType
{
    /// <summary>camelCase, like every JSON of the system; dictionary keys (RoboKassa <c>Shp_*</c> names) stay verbatim.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Func<object, NotificationKeys> _keys;
    private readonly Func<ConfirmedPublisher, string, Guid, CancellationToken, Task<bool>> _republish;

    private ArchivedMessageType(Type type, Func<object, NotificationKeys> keys, Func<ConfirmedPublisher, string, Guid, CancellationToken, Task<bool>> republish)
    {
        Type = type;
        _keys = keys;
        _republish = republish;
    }

    /// <summary>The contract's type name, as stored in <c>MessageType</c>.</summary>
    public string Name => Type.Name;

    public Type Type { get; }

    public static ArchivedMessageType For<TMessage>(Func<TMessage, NotificationKeys> keys)
        where TMessage : class =>
        new(
            typeof(TMessage),
            message => keys((TMessage)message),
            (publisher, json, messageId, cancellationToken) =>
                publisher.TryPublishAsync(Deserialize<TMessage>(Current(typeof(TMessage), json)), messageId, cancellationToken));

    public NotificationKeys KeysOf(object message) => _keys(message);

    public string Serialize(object message) => JsonSerializer.Serialize(message, Type, Json);

    /// <summary>
    /// The stored JSON in the type's current shape: a row stored before a contract changed shape is read as the
    /// message is now (the Xsolla messages before their transaction and order records, <see cref="XsollaFlatShape"/>).
    /// Rows are never rewritten; every other field stays as stored.
    /// </summary>
    public JsonElement Read(string json) => Current(Type, json);

    /// <summary>Publishes the stored JSON again, as its own type and under <paramref name="messageId"/>; true once the transport has it.</summary>
    public Task<bool> RepublishAsync(ConfirmedPublisher publisher, string json, Guid messageId, CancellationToken cancellationToken) =>
        _republish(publisher, json, messageId, cancellationToken);

    private static JsonElement Current(Type type, string json)
    {
        var node = JsonNode.Parse(json, XsollaFlatShape.NodeOptions);
        if (node is JsonObject message)
        {
            XsollaFlatShape.Upgrade(type, message);
        }

        return JsonSerializer.SerializeToElement(node, Json);
    }

    private static TMessage Deserialize<TMessage>(JsonElement json)
        where TMessage : class =>
        json.Deserialize<TMessage>(Json)
            ?? throw new InvalidOperationException($"The archived {typeof(TMessage).Name} is JSON null.");
}
