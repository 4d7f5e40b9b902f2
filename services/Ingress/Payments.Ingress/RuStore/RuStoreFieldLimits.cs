using Payments.Contracts;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RuStore;

/// <summary>
/// The one place RuStore values are held to the columns they end in (<see cref="FieldLimits"/>, README "Field
/// limits"): checked once the payload is authenticated and parsed, before anything is published. A longer value
/// could never be saved downstream, so it is refused with <c>400 field_too_long</c> instead of being answered 200
/// and then failing on every save.
/// </summary>
internal static class RuStoreFieldLimits
{
    private const string BodyWhere = "The request body";
    private const string DataWhere = "The decrypted 'data'";

    /// <summary>Null when every limited value fits, else the rejection naming the first that does not.</summary>
    public static WebhookRejection? Check(RuStoreEnvelope envelope, RuStoreNotification notification)
    {
        // The notification id is published with test events and invoice statuses alike.
        if (LimitedField.FirstTooLong([new("id", envelope.Id, FieldLimits.ProviderId)]) is { } id)
        {
            return WebhookRejection.FieldTooLong(id.Name, BodyWhere, id.Limit);
        }

        return notification.InvoiceStatus is { } data && LimitedField.FirstTooLong(Fields(data)) is { } field
            ? WebhookRejection.FieldTooLong(field.Name, DataWhere, field.Limit)
            : null;
    }

    /// <summary>The values as published: statuses already lowercased, the way they are stored.</summary>
    private static IEnumerable<LimitedField> Fields(RuStoreInvoiceStatus data) =>
    [
        new("invoice_id", data.InvoiceId, FieldLimits.ProviderId),
        new("order_id", data.OrderId, FieldLimits.ProviderId),
        new("purchase_id", data.PurchaseId, FieldLimits.ProviderId),
        new("product_code", data.ProductCode, FieldLimits.Sku),
        new("status_new", data.StatusNew, FieldLimits.ProviderStatus),
        new("status_old", data.StatusOld, FieldLimits.ProviderStatus),
    ];
}
