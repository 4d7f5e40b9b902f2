using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using MassTransit.Testing;
using Payments.Contracts;
using Payments.Contracts.Entitlements;
using Payments.Contracts.Providers.Xsolla;
using Payments.Ingress.Tests.Support;
using Payments.Ingress.Xsolla;

namespace Payments.Ingress.Tests.Xsolla;

/// <summary>
/// Every field that ends in a column or an identity is accepted up to its <see cref="FieldLimits"/> length and
/// published as it is; one character more is <c>400 INVALID_PARAMETER</c> naming the field and the limit, never the
/// value, and publishes nothing — not even the user check of a <c>user_validation</c> (README "Field limits").
/// </summary>
public sealed class XsollaFieldLimitTests : IAsyncLifetime
{
    /// <summary>After a fixture name: the order is paid in real money (the fixtures' orders are paid in virtual currency).</summary>
    private const string RealMoney = " (real money)";

    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync(XsollaSecrets.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// The fixture, where in it the value goes (JSON path, numbers index arrays), the limit, the field name the
    /// refusal gives, and the property path of the published message that carries the value.
    /// </summary>
    public static TheoryData<string, string, int, string, string> LimitedFields() => new()
    {
        { "payment.json", "transaction.id", FieldLimits.ProviderId, "transaction.id", "Transaction.Id" },
        { "payment.json", "order.id", FieldLimits.ProviderId, "order.id", "Transaction.OrderId" },
        { "payment.json", "user.id", FieldLimits.UserId, "user.id", "Transaction.UserId" },
        { "payment.json", "purchase.virtual_items.items.0.sku", FieldLimits.Sku, "sku", "Transaction.Items" },
        { "payment.json", "purchase.virtual_currency.sku", FieldLimits.Sku, "sku", "Transaction.Items" },
        { "payment.json", "purchase.total.currency", FieldLimits.Currency, "currency", "Transaction.Currency" },
        { "refund.json", "transaction.id", FieldLimits.ProviderId, "transaction.id", "Transaction.Id" },
        { "refund.json", "user.id", FieldLimits.UserId, "user.id", "Transaction.UserId" },
        { "partial_refund.json", "transaction.id", FieldLimits.ProviderId, "transaction.id", "Transaction.Id" },
        { "order_paid.json", "order.id", FieldLimits.ProviderId, "order.id", "Order.Id" },
        { "order_paid.json", "order.invoice_id", FieldLimits.ProviderId, "order.invoice_id", "Order.InvoiceId" },
        { "order_paid.json", "billing.transaction.id", FieldLimits.ProviderId, "billing.transaction.id", "Order.BillingTransactionId" },
        { "order_paid.json", "user.external_id", FieldLimits.UserId, "user.external_id", "Order.UserId" },
        { "order_paid.json", "items.1.sku", FieldLimits.Sku, "sku", "Order.Items" },
        { "order_paid.json" + RealMoney, "order.currency", FieldLimits.Currency, "currency", "Order.Currency" },
        { "order_canceled.json", "order.invoice_id", FieldLimits.ProviderId, "order.invoice_id", "Order.InvoiceId" },
        { "order_canceled.json", "user.external_id", FieldLimits.UserId, "user.external_id", "Order.UserId" },
    };

    [Theory]
    [MemberData(nameof(LimitedFields))]
    public async Task A_value_of_exactly_the_limit_is_accepted_and_published_as_it_is(string fixture, string path, int limit, string field, string property)
    {
        _ = field;
        var value = Value(limit);

        using var response = await _host.PostSignedXsollaAsync(With(fixture, path, value));

        Assert.True(HttpStatusCode.NoContent == response.StatusCode, $"{fixture} {path}: got {(int)response.StatusCode}");
        var published = Assert.Single(_host.Harness.Published.Select(_ => true));
        var carried = property.Split('.').Aggregate((object?)published.MessageObject, (parent, name) => parent!.GetType().GetProperty(name)!.GetValue(parent));
        if (carried is IReadOnlyList<OrderItem> items)
        {
            Assert.Contains(items, item => item.Sku == value);
        }
        else
        {
            Assert.Equal(value, carried);
        }
    }

    [Theory]
    [MemberData(nameof(LimitedFields))]
    public async Task One_character_more_is_refused_400_INVALID_PARAMETER_and_publishes_nothing(string fixture, string path, int limit, string field, string property)
    {
        _ = property;

        using var response = await _host.PostSignedXsollaAsync(With(fixture, path, Value(limit + 1)));

        await AssertTooLongAsync(response, field, limit, $"{fixture} {path}");
        Assert.True(await _host.PublishedNothingAsync(), $"{fixture} {path}: something was published");
    }

    [Fact]
    public async Task A_user_validation_for_a_user_id_of_exactly_the_limit_asks_Entitlements_with_that_id()
    {
        var userId = Value(FieldLimits.UserId);
        await FakeUserDirectory.ConnectAsync(_host, knownUsers: userId);

        using var response = await _host.PostSignedXsollaAsync(UserValidation(userId));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(userId, Assert.Single(_host.Harness.Published.Select<ValidateUser>()).Context.Message.UserId);
    }

    [Fact]
    public async Task A_user_validation_for_a_longer_user_id_is_INVALID_PARAMETER_without_asking_Entitlements()
    {
        // Even a user directory (or AllowAll, or the game's callback) that would say "known" is not asked: the
        // payment that would follow could never be stored.
        var userId = Value(FieldLimits.UserId + 1);
        await FakeUserDirectory.ConnectAsync(_host, knownUsers: userId);

        using var response = await _host.PostSignedXsollaAsync(UserValidation(userId));

        await AssertTooLongAsync(response, "user.id", FieldLimits.UserId, "user_validation");
        Assert.True(await _host.PublishedNothingAsync(), "the user check was asked");
    }

    [Fact]
    public async Task The_virtual_currency_an_order_is_paid_in_is_no_currency_and_not_limited()
    {
        // order.currency then names the virtual currency's sku; the Normalizer stores neither it nor the amount.
        var sku = Value(FieldLimits.Currency + 1);

        using var response = await _host.PostSignedXsollaAsync(With("order_paid.json", "order.currency", sku));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(sku, Assert.Single(_host.Harness.Published.Select<XsollaOrderPaidReceived>()).Context.Message.Order.Currency);
    }

    /// <summary>Amounts are re-written from a decimal (at most 31 characters), so only the check itself can be shown at the limit.</summary>
    [Theory]
    [InlineData(FieldLimits.Amount, true)]
    [InlineData(FieldLimits.Amount + 1, false)]
    public void The_amount_is_limited_too(int length, bool fits)
    {
        var amount = "1." + new string('0', length - 2);
        var transaction = new XsollaNotification
        {
            NotificationType = XsollaNotificationTypes.Payment,
            Kind = XsollaNotificationKind.Payment,
            Environment = PaymentEnvironments.Production,
            EventId = "1",
            RawBody = "{}",
            Transaction = new XsollaTransaction { Id = "1", Items = [], Amount = amount, Currency = "USD" },
        };
        var order = new XsollaNotification
        {
            NotificationType = XsollaNotificationTypes.OrderPaid,
            Kind = XsollaNotificationKind.OrderPaid,
            Environment = PaymentEnvironments.Production,
            EventId = "1",
            RawBody = "{}",
            Order = new XsollaOrder { WebhookMode = XsollaWebhookModes.Separate, Id = "1", Items = [], Amount = amount },
        };

        foreach (var notification in new[] { transaction, order })
        {
            var refusal = XsollaFieldLimits.Check(notification);
            if (fits)
            {
                Assert.Null(refusal);
            }
            else
            {
                Assert.NotNull(refusal);
                Assert.Equal((400, "field_too_long", XsollaErrorCodes.InvalidParameter), (refusal.StatusCode, refusal.Reason, XsollaRejections.CodeFor(refusal)));
                Assert.Contains(FieldLimits.Amount.ToString(CultureInfo.InvariantCulture), refusal.Detail, StringComparison.Ordinal);
            }
        }
    }

    private static string Value(int length) => new('q', length);

    private static string UserValidation(string userId) =>
        new JsonObject { ["notification_type"] = "user_validation", ["user"] = new JsonObject { ["id"] = userId } }.ToJsonString();

    /// <summary>The fixture with <paramref name="value"/> at <paramref name="path"/>, objects on the way created when absent.</summary>
    private static string With(string fixture, string path, string value)
    {
        var root = JsonNode.Parse(XsollaFixtures.Read(fixture.Replace(RealMoney, "", StringComparison.Ordinal)))!;
        if (fixture.EndsWith(RealMoney, StringComparison.Ordinal))
        {
            root["order"]!["currency_type"] = "real";
        }

        var node = root;
        var steps = path.Split('.');
        foreach (var step in steps[..^1])
        {
            if (int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                node = node[index]!;
                continue;
            }

            node = node[step] ??= new JsonObject();
        }

        if (int.TryParse(steps[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            node[last] = value;
        }
        else
        {
            node[steps[^1]] = value;
        }

        return root.ToJsonString();
    }

    private static async Task AssertTooLongAsync(HttpResponseMessage response, string field, int limit, string @case)
    {
        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{@case}: expected 400, got {(int)response.StatusCode}");
        var error = await XsollaAnswer.ErrorAsync(response);
        Assert.Equal(XsollaErrorCodes.InvalidParameter, error.Code);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(limit.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("qqqq", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
