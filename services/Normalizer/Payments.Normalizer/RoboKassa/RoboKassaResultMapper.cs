using System.Globalization;
using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Contracts.Providers.RoboKassa;

namespace Payments.Normalizer.RoboKassa;

/// <summary>
/// A RoboKassa ResultURL call as a domain event. It means one thing: invoice <c>InvId</c> was paid (docs/providers/robokassa.md#statuses).
/// <c>InvId</c> is the shop's own invoice number, the id the game registers with <c>POST /orders</c>, so it names the
/// order. RoboKassa sends no items (the registration supplies them) and no time (the message's is used).
/// </summary>
public static class RoboKassaResultMapper
{
    public static PaymentSucceeded Map(RoboKassaResultReceived result, DateTimeOffset receivedAt)
    {
        var reference = new OrderReference
        {
            Provider = PaymentProviders.RoboKassa,
            Account = result.Account,
            Environment = result.Environment,
            ProviderOrderId = result.InvId,
        };
        return new PaymentSucceeded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = new PaymentDetails
            {
                SourceEventId = $"robokassa:{result.InvId}",
                OccurredAt = receivedAt,
                UserId = string.IsNullOrWhiteSpace(result.UserId) ? null : result.UserId,
                Amount = NormalizeAmount(result.OutSum),
                ProviderStatus = "paid",
            },
        };
    }

    /// <summary>
    /// <c>100.000000</c> → <c>100.00</c>: trailing zeros beyond two decimals dropped, none of the value lost. An amount
    /// that is not a decimal is refused, not passed on: an unreadable amount would skip the saga's amount check.
    /// </summary>
    public static string NormalizeAmount(string outSum)
    {
        if (!decimal.TryParse(outSum, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            throw new FormatException($"RoboKassa OutSum '{outSum}' is not a decimal amount.");
        }

        return amount.ToString("0.00############################", CultureInfo.InvariantCulture);
    }
}
