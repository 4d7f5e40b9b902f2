using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using MassTransit.Testing;
using Payments.Contracts.Providers.Xsolla;
using Payments.Contracts;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.Vectors;
using Payments.Simulator.Xsolla;

namespace Payments.Ingress.Tests.Xsolla;

/// <summary>Signed webhooks are answered 204 only after their message was published, with the message id of the provider event.</summary>
public sealed class XsollaWebhookTests : IAsyncLifetime
{
    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync(XsollaSecrets.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, Type, string, string> Fixtures() => new()
    {
        { "payment.json", typeof(XsollaPaymentReceived), "sandbox", "xsolla/game1/sandbox/payment/1" },
        { "refund.json", typeof(XsollaRefundReceived), "sandbox", "xsolla/game1/sandbox/refund/1" },
        { "partial_refund.json", typeof(XsollaPartialRefundReceived), "sandbox", "xsolla/game1/sandbox/partial_refund/1" },
        { "order_paid.json", typeof(XsollaOrderPaidReceived), "production", "xsolla/game1/production/order_paid/1" },
        { "order_canceled.json", typeof(XsollaOrderCanceledReceived), "production", "xsolla/game1/production/order_canceled/1" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Each_SDK_fixture_is_answered_204_after_its_message_was_published(string fixture, Type messageType, string environment, string identity)
    {
        var body = XsollaFixtures.Read(fixture);

        using var response = await _host.PostSignedXsollaAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var published = Assert.Single(_host.Harness.Published.Select(_ => true));
        Assert.Equal(messageType, published.MessageType);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, identity), published.Context.MessageId);
        var message = published.MessageObject;
        Assert.Equal(environment, messageType.GetProperty("Environment")!.GetValue(message));
        Assert.Equal("xsolla", messageType.GetProperty("Provider")!.GetValue(message));
        Assert.Equal(Encoding.UTF8.GetString(body), messageType.GetProperty("RawBody")!.GetValue(message));
    }

    [Fact]
    public async Task The_payment_fixture_publishes_its_transaction_user_items_and_total()
    {
        using var response = await _host.PostSignedXsollaAsync(XsollaFixtures.Read("payment.json"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var message = Assert.Single(_host.Harness.Published.Select<XsollaPaymentReceived>()).Context.Message;
        Assert.Equal<OrderItem>([new OrderItem { Sku = "test_item1", Quantity = 1 }], message.Transaction.Items);
        Assert.Equal(
            new XsollaPaymentReceived
            {
                Account = "game1",
                Environment = "sandbox",
                Transaction = new XsollaTransaction
                {
                    Id = "1",
                    ExternalId = "1",
                    OrderId = null,
                    PaymentDate = new DateTimeOffset(2014, 9, 24, 20, 38, 16, TimeSpan.FromHours(4)),
                    UserId = "1234567",
                    Items = message.Transaction.Items,
                    Amount = "200",
                    Currency = "USD",
                },
                RawBody = Encoding.UTF8.GetString(XsollaFixtures.Read("payment.json")),
            },
            message);
    }

    [Fact]
    public async Task The_refund_fixture_publishes_the_refund_code_and_reason()
    {
        using var response = await _host.PostSignedXsollaAsync(XsollaFixtures.Read("refund.json"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var message = Assert.Single(_host.Harness.Published.Select<XsollaRefundReceived>()).Context.Message;
        var transaction = message.Transaction;
        Assert.Equal(("1", "1234567", 1, "Fraud", "200", "USD"), (transaction.Id, transaction.UserId, transaction.RefundCode, transaction.RefundReason, transaction.Amount, transaction.Currency));
        Assert.Null(transaction.PaymentDate);
    }

    [Fact]
    public async Task The_order_paid_fixture_publishes_the_order_its_external_user_and_every_item()
    {
        using var response = await _host.PostSignedXsollaAsync(XsollaFixtures.Read("order_paid.json"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var message = Assert.Single(_host.Harness.Published.Select<XsollaOrderPaidReceived>()).Context.Message;
        Assert.Equal<OrderItem>(
            [
                new OrderItem { Sku = "virtual-good-item_test", Quantity = 3 },
                new OrderItem { Sku = "virtual-good-item_test_bundle", Quantity = 1 },
                new OrderItem { Sku = "gold", Quantity = 1500 },
            ],
            message.Order.Items);
        Assert.Equal(
            new XsollaOrderPaidReceived
            {
                Account = "game1",
                Environment = "production",
                Order = new XsollaOrder
                {
                    WebhookMode = "separate",
                    Id = "1",
                    InvoiceId = "1",
                    Mode = "default",
                    Status = "paid",
                    UserId = "id_xsolla_login_1",
                    Items = message.Order.Items,
                    Amount = "2000",
                    Currency = "sku_currency",
                    CurrencyType = "virtual",
                },
                RawBody = Encoding.UTF8.GetString(XsollaFixtures.Read("order_paid.json")),
            },
            message);
    }

    [Fact]
    public async Task A_combined_mode_order_paid_takes_the_transaction_and_test_flag_from_billing()
    {
        var body = Combined(XsollaFixtures.Read("order_paid.json"), dryRun: true);

        using var response = await _host.PostSignedXsollaAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var published = Assert.Single(_host.Harness.Published.Select<XsollaOrderPaidReceived>());
        var message = published.Context.Message;
        Assert.Equal(
            ("combined", "sandbox", "1", "1", "ext-1", new DateTimeOffset(2024, 7, 18, 10, 0, 0, TimeSpan.Zero)),
            (message.Order.WebhookMode, message.Environment, message.Order.InvoiceId, message.Order.BillingTransactionId, message.Order.BillingExternalId, message.Order.BillingPaymentDate));
        Assert.Equal(3, message.Order.Items.Count);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "xsolla/game1/sandbox/order_paid/1"), published.Context.MessageId);
    }

    [Fact]
    public async Task A_combined_mode_order_canceled_without_dry_run_is_production()
    {
        var body = Combined(XsollaFixtures.Read("order_canceled.json"), dryRun: false);

        using var response = await _host.PostSignedXsollaAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var message = Assert.Single(_host.Harness.Published.Select<XsollaOrderCanceledReceived>()).Context.Message;
        Assert.Equal(("combined", "production", "1"), (message.Order.WebhookMode, message.Environment, message.Order.BillingTransactionId));
    }

    [Fact]
    public async Task An_order_in_sandbox_mode_is_sandbox()
    {
        var order = JsonNode.Parse(XsollaFixtures.Read("order_paid.json"))!;
        order["order"]!["mode"] = "sandbox";

        using var response = await _host.PostSignedXsollaAsync(order.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("sandbox", Assert.Single(_host.Harness.Published.Select<XsollaOrderPaidReceived>()).Context.Message.Environment);
    }

    [Theory]
    [InlineData("1", "sandbox")]
    [InlineData("\"1\"", "sandbox")]
    [InlineData("true", "sandbox")]
    [InlineData("0", "production")]
    [InlineData("\"0\"", "production")]
    [InlineData("false", "production")]
    [InlineData("null", "production")]
    [InlineData(null, "production")]
    public async Task Dry_run_decides_the_environment_of_a_payment(string? dryRun, string environment)
    {
        var flag = dryRun is null ? "" : $",\"dry_run\":{dryRun}";
        var body = $$$"""{"notification_type":"payment","user":{"id":42},"transaction":{"id":77{{{flag}}}}}""";

        using var response = await _host.PostSignedXsollaAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var published = Assert.Single(_host.Harness.Published.Select<XsollaPaymentReceived>());
        Assert.Equal((environment, "42", "77"), (published.Context.Message.Environment, published.Context.Message.Transaction.UserId, published.Context.Message.Transaction.Id));
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, $"xsolla/game1/{environment}/payment/77"), published.Context.MessageId);
    }

    [Fact]
    public async Task Vector_X3_signed_with_the_rotated_out_secret_is_accepted()
    {
        using var response = await _host.PostXsollaAsync(Encoding.UTF8.GetBytes(XsollaVectors.X3Body), XsollaVectors.X3Authorization);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var message = Assert.Single(_host.Harness.Published.Select<XsollaOrderPaidReceived>()).Context.Message;
        Assert.Equal(("production", "1", "id_xsolla_login_1"), (message.Environment, message.Order.InvoiceId, message.Order.UserId));
    }

    [Theory]
    [InlineData("Authorization", "Signature {0}")]
    [InlineData("AUTHORIZATION", "Signature {0}")]
    [InlineData("authorization", "Signature   {0}")]
    [InlineData("Authorization", "UPPER")]
    public async Task Header_name_case_extra_spaces_and_uppercase_hex_are_accepted(string headerName, string format)
    {
        var body = XsollaFixtures.Read("payment.json");
        var digest = XsollaWebhooks.Signature(body, XsollaSecrets.Current);
        var value = format == "UPPER" ? $"Signature {digest.ToUpperInvariant()}" : string.Format(format, digest);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/xsolla/game1") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation(headerName, value);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(_host.Harness.Published.Select<XsollaPaymentReceived>());
    }

    [Fact]
    public async Task A_resent_webhook_is_published_again_under_the_same_message_id()
    {
        var recorder = new PublishRecorder();
        using var observer = _host.Harness.Bus.ConnectPublishObserver(recorder);
        var body = XsollaFixtures.Read("order_paid.json");

        using var first = await _host.PostSignedXsollaAsync(body);
        using var resent = await _host.PostSignedXsollaAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, resent.StatusCode);
        var expected = NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "xsolla/game1/production/order_paid/1");
        Assert.Equal([expected, expected], recorder.MessageIds);
    }

    [Fact]
    public async Task The_account_in_the_URL_is_matched_in_any_case_and_published_as_configured()
    {
        using var response = await _host.PostSignedXsollaAsync(XsollaFixtures.Read("payment.json"), account: "GAME1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var published = Assert.Single(_host.Harness.Published.Select<XsollaPaymentReceived>());
        Assert.Equal("game1", published.Context.Message.Account);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "xsolla/game1/sandbox/payment/1"), published.Context.MessageId);
    }

    /// <summary>The order webhook with a <c>billing</c> object, as a project with combined webhooks sends it (docs/providers/xsolla.md#request-format).</summary>
    private static string Combined(byte[] separate, bool dryRun)
    {
        var transaction = new JsonObject { ["id"] = 1, ["external_id"] = "ext-1", ["payment_date"] = "2024-07-18T10:00:00+00:00", ["payment_method"] = 1 };
        if (dryRun)
        {
            transaction["dry_run"] = 1;
        }

        var body = JsonNode.Parse(separate)!;
        body["billing"] = new JsonObject
        {
            ["notification_type"] = "payment",
            ["settings"] = new JsonObject { ["project_id"] = 18404, ["merchant_id"] = 2340 },
            ["purchase"] = new JsonObject { ["total"] = new JsonObject { ["currency"] = "USD", ["amount"] = 20 } },
            ["transaction"] = transaction,
            ["payment_details"] = new JsonObject { ["payment"] = new JsonObject { ["currency"] = "USD", ["amount"] = 23 } },
        };
        return body.ToJsonString();
    }
}
