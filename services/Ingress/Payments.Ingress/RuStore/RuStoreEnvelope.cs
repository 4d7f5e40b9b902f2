using System.Text.Json;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RuStore;

/// <summary>The outer request body: <c>{"id": "...", "timestamp": "...", "payload": "&lt;Base64&gt;"}</c> (docs/providers/rustore.md#request-format).</summary>
internal sealed record RuStoreEnvelope(string Id, DateTimeOffset? Timestamp, string Payload)
{
    private const string Where = "The request body";

    public static Checked<RuStoreEnvelope> Read(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return WebhookRejection.MalformedJson;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return WebhookRejection.MalformedJson;
            }

            var id = RuStoreJson.RequiredText(root, "id");
            if (id is null)
            {
                return WebhookRejection.MissingField("id", Where);
            }

            if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.String || payload.GetString() is not { Length: > 0 } text)
            {
                return WebhookRejection.MissingField("payload", Where);
            }

            return new RuStoreEnvelope(id, RuStoreTimestamp.Parse(RuStoreJson.Text(root, "timestamp")), text);
        }
    }
}
