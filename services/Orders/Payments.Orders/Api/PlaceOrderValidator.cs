using System.Globalization;
using Payments.Contracts;

namespace Payments.Orders.Api;

/// <summary>Every problem of a <c>POST /orders</c> body, by field, in words a game developer can act on.</summary>
internal static class PlaceOrderValidator
{
    public static Dictionary<string, string[]> Validate(PlaceOrderRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Provider is null || !PaymentProviders.All.Contains(request.Provider))
        {
            errors["provider"] = [$"must be one of {string.Join(", ", PaymentProviders.All)}"];
        }

        Require(errors, "account", request.Account, FieldLimits.Account);
        Require(errors, "providerOrderId", request.ProviderOrderId, FieldLimits.ProviderId);
        Require(errors, "userId", request.UserId, FieldLimits.UserId);
        if (request.Environment is not null && !PaymentEnvironments.IsKnown(request.Environment))
        {
            errors["environment"] = ["must be production or sandbox"];
        }

        if (request.Items is not { Count: > 0 })
        {
            errors["items"] = ["at least one item is required"];
        }
        else if (request.Items.Any(i => string.IsNullOrWhiteSpace(i.Sku) || i.Quantity <= 0))
        {
            errors["items"] = ["every item needs a sku and a positive quantity"];
        }
        else if (request.Items.Any(i => i.Sku!.Length > FieldLimits.Sku))
        {
            errors["items"] = [$"a sku is at most {FieldLimits.Sku} characters"];
        }
        else if (request.Items.GroupBy(i => i.Sku).Any(g => g.Count() > 1))
        {
            errors["items"] = ["each sku may appear once; give its total quantity"];
        }

        if (request.Amount is not null && (request.Amount.Length > FieldLimits.Amount ||
            !decimal.TryParse(request.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount < 0))
        {
            errors["amount"] = ["must be a non-negative decimal string such as \"100.00\""];
        }

        if (request.Currency is not null && (request.Currency.Length != 3 || !request.Currency.All(char.IsAsciiLetterUpper)))
        {
            errors["currency"] = ["must be an ISO 4217 code such as \"RUB\""];
        }

        return errors;
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, int limit)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["is required"];
        }
        else if (value.Length > limit)
        {
            errors[field] = [$"must be at most {limit} characters"];
        }
    }
}
