using Payments.Contracts;
using Payments.Contracts.Providers.Xsolla;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// The one place Xsolla values are held to the columns they end in (<see cref="FieldLimits"/>, README "Field
/// limits"): checked once the signature verified and the body parsed, before anything is published or the user is
/// checked. A longer value could never be saved downstream, so it is <c>400 INVALID_PARAMETER</c> (reason
/// <c>field_too_long</c>) instead of a 204 followed by a message that fails on every save.
/// </summary>
/// <remarks>
/// A <c>user_validation</c> with a user id longer than any stored one gets the same INVALID_PARAMETER, not
/// INVALID_USER: Entitlements is not asked (its directory, AllowAll or the game's callback could say "known", and the
/// payment that followed could never be granted), and INVALID_USER stays the answer Entitlements alone gives.
/// Fields nothing stores (<c>transaction.external_id</c>, order mode and status, refund reason, the virtual currency
/// an order is paid in, a currency without an amount, …) are not limited.
/// </remarks>
internal static class XsollaFieldLimits
{
    /// <summary>Null when every limited value fits, else the rejection naming the first that does not.</summary>
    public static WebhookRejection? Check(XsollaNotification notification) =>
        LimitedField.FirstTooLong(Fields(notification)) is { } field
            ? WebhookRejection.FieldTooLong(field.Name, XsollaNotificationReader.Where, field.Limit)
            : null;

    private static IEnumerable<LimitedField> Fields(XsollaNotification notification)
    {
        if (notification.UserId is { } userId)
        {
            yield return new("user.id", userId, FieldLimits.UserId);
        }

        if (notification.Transaction is { } transaction)
        {
            yield return new("transaction.id", transaction.Id, FieldLimits.ProviderId);
            yield return new("order.id", transaction.OrderId, FieldLimits.ProviderId);
            yield return new("user.id", transaction.UserId, FieldLimits.UserId);
            foreach (var money in Money(transaction.Items, transaction.Amount, transaction.Currency, realMoney: true))
            {
                yield return money;
            }
        }

        if (notification.Order is { } order)
        {
            yield return new("order.id", order.Id, FieldLimits.ProviderId);
            yield return new("order.invoice_id", order.InvoiceId, FieldLimits.ProviderId);
            yield return new("billing.transaction.id", order.BillingTransactionId, FieldLimits.ProviderId);
            yield return new("user.external_id", order.UserId, FieldLimits.UserId);
            // An order paid in virtual currency names that currency's sku in order.currency: no currency, stored nowhere.
            foreach (var money in Money(order.Items, order.Amount, order.Currency, realMoney: !order.PaidInVirtualCurrency()))
            {
                yield return money;
            }
        }
    }

    /// <summary>
    /// Items, and the amount and currency as they are stored: only real money, and a currency only with an amount
    /// (the Normalizer passes on no other). Named alike whichever part of the body they were read from.
    /// </summary>
    private static IEnumerable<LimitedField> Money(IReadOnlyList<OrderItem> items, string? amount, string? currency, bool realMoney)
    {
        foreach (var item in items)
        {
            yield return new("sku", item.Sku, FieldLimits.Sku);
        }

        if (!realMoney || amount is null)
        {
            yield break;
        }

        // Read as a decimal and written back (at most 31 characters), so this holds by construction; kept so a
        // change to the reader cannot publish an amount the columns do not hold.
        yield return new("amount", amount, FieldLimits.Amount);
        yield return new("currency", currency, FieldLimits.Currency);
    }
}
