using System.Net;
using System.Text.Json;
using MassTransit.Testing;
using Payments.Contracts.Providers.RuStore;
using Payments.Contracts;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.RuStore;

namespace Payments.Ingress.Tests.RuStore;

/// <summary>
/// Every field that ends in a column or an identity is accepted up to its <see cref="FieldLimits"/> length and
/// published as it is; one character more is a <c>400 field_too_long</c> problem that names the field and the limit,
/// never the value, and publishes nothing (README "Field limits").
/// </summary>
public sealed class RuStoreFieldLimitTests : IAsyncLifetime
{
    private const string EnvelopeId = "id";

    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The field (<c>id</c> of the body, else a member of the decrypted <c>data</c>) and its limit.</summary>
    public static TheoryData<string, int> LimitedFields() => new()
    {
        { EnvelopeId, FieldLimits.ProviderId },
        { "invoice_id", FieldLimits.ProviderId },
        { "order_id", FieldLimits.ProviderId },
        { "purchase_id", FieldLimits.ProviderId },
        { "product_code", FieldLimits.Sku },
        { "status_new", FieldLimits.ProviderStatus },
        { "status_old", FieldLimits.ProviderStatus },
    };

    [Theory]
    [MemberData(nameof(LimitedFields))]
    public async Task A_value_of_exactly_the_limit_is_accepted_and_published_as_it_is(string field, int limit)
    {
        var value = Value(limit);

        using var response = await _host.PostAsync(Body(field, value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(_host.Harness.Published.Select<RuStoreInvoiceStatusReceived>()).Context.Message;
        Assert.Equal(value, Published(message, field));
    }

    [Theory]
    [MemberData(nameof(LimitedFields))]
    public async Task One_character_more_is_refused_400_field_too_long_and_publishes_nothing(string field, int limit)
    {
        using var response = await _host.PostAsync(Body(field, Value(limit + 1)));

        await AssertTooLongAsync(response, field, limit);
        Assert.True(await _host.PublishedNothingAsync(), $"{field}: something was published");
    }

    [Theory]
    [InlineData(FieldLimits.ProviderId, HttpStatusCode.OK)]
    [InlineData(FieldLimits.ProviderId + 1, HttpStatusCode.BadRequest)]
    public async Task A_test_events_notification_id_is_limited_too(int length, HttpStatusCode expected)
    {
        var value = Value(length);

        using var response = await _host.PostAsync(RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.TestEventPlaintext()), id: value));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(value, Assert.Single(_host.Harness.Published.Select<RuStoreTestEventReceived>()).Context.Message.NotificationId);
        }
        else
        {
            await AssertTooLongAsync(response, EnvelopeId, FieldLimits.ProviderId);
            Assert.True(await _host.PublishedNothingAsync());
        }
    }

    [Fact]
    public async Task A_forged_payload_with_a_too_long_field_is_refused_as_forged()
    {
        // Nothing about the content is said before a key authenticated it.
        var body = RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Unknown, Plaintext("invoice_id", Value(FieldLimits.ProviderId + 1))));

        using var response = await _host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("decryption_failed", problem.RootElement.GetProperty("reason").GetString());
    }

    /// <summary>Lowercase letters, so the status words are published unchanged.</summary>
    private static string Value(int length) => new('q', length);

    private static string Body(string field, string value) => field == EnvelopeId
        ? RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, Plaintext()), id: value)
        : RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, Plaintext(field, value)));

    /// <summary>An INVOICE_STATUS payload with every limited field present, <paramref name="field"/> set to <paramref name="value"/>.</summary>
    private static string Plaintext(string? field = null, string? value = null)
    {
        var data = RuStoreSamples.Data;
        return RuStoreNotifications.InvoiceStatusPlaintext(field switch
        {
            null => data,
            "invoice_id" => data with { InvoiceId = value! },
            "order_id" => data with { OrderId = value! },
            "purchase_id" => data with { PurchaseId = value! },
            "product_code" => data with { ProductCode = value! },
            "status_new" => data with { StatusNew = value! },
            "status_old" => data with { StatusOld = value! },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        });
    }

    private static string? Published(RuStoreInvoiceStatusReceived message, string field) => field switch
    {
        EnvelopeId => message.NotificationId,
        "invoice_id" => message.InvoiceId,
        "order_id" => message.OrderId,
        "purchase_id" => message.PurchaseId,
        "product_code" => message.ProductCode,
        "status_new" => message.StatusNew,
        "status_old" => message.StatusOld,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static async Task AssertTooLongAsync(HttpResponseMessage response, string field, int limit)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("field_too_long", problem.RootElement.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains($"'{field}'", detail, StringComparison.Ordinal);
        Assert.Contains(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        Assert.DoesNotContain("qqqq", text, StringComparison.Ordinal);
    }
}
