using System.Text;
using Payments.Ingress.RuStore;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RuStore;

public class RuStoreNotificationParserTests
{
    [Fact]
    public void RS_1_fields_parse()
    {
        var parsed = Parse(RuStoreVectors.Rs1Plaintext);

        Assert.True(parsed.IsOk);
        var notification = parsed.Value;
        Assert.Equal("INVOICE_STATUS", notification.NotificationType);
        Assert.Equal(RuStoreNotificationKind.InvoiceStatus, notification.Kind);
        Assert.False(notification.IsSandboxType);
        Assert.Equal(12345, notification.AppId);
        Assert.Equal(RuStoreVectors.Rs1Plaintext, notification.RawPayload);
        Assert.Equal(
            new RuStoreInvoiceStatus
            {
                InvoiceId = "123",
                StatusNew = "paid",
                StatusOld = "executed",
                OrderId = "123e4567e89b-12d3-a456-4266-55440000",
                PurchaseId = "123e4567e89b-12d3-a456-4266-55440000",
                PurchaseToken = "111.123",
                ProductCode = "test_test",
                ChangeStatusTime = DateTimeOffset.UnixEpoch,
            },
            notification.InvoiceStatus);
    }

    [Fact]
    public void RS_2_is_a_production_test_event()
    {
        var parsed = Parse(RuStoreVectors.Rs2Plaintext);

        Assert.True(parsed.IsOk);
        Assert.Equal(RuStoreNotificationKind.TestEvent, parsed.Value.Kind);
        Assert.False(parsed.Value.IsSandboxType);
        Assert.Null(parsed.Value.InvoiceStatus);
    }

    [Theory]
    [InlineData("CONFIRMED", "confirmed")]
    [InlineData("Refunded", "refunded")]
    [InlineData("paid", "paid")]
    public void The_status_is_normalized_to_lowercase(string sent, string expected)
    {
        var parsed = Parse(RuStoreSamples.InvoiceStatusPlaintext(status: sent));

        Assert.Equal(expected, parsed.Value!.InvoiceStatus!.StatusNew);
    }

    [Fact]
    public void An_unknown_status_is_kept_lowercase()
    {
        var parsed = Parse(RuStoreSamples.InvoiceStatusPlaintext(status: "ON_HOLD_FOREVER"));

        Assert.Equal("on_hold_forever", parsed.Value!.InvoiceStatus!.StatusNew);
        Assert.False(RuStoreInvoiceStatuses.IsKnown("on_hold_forever"));
    }

    [Fact]
    public void Data_given_as_an_object_is_accepted()
    {
        var parsed = Parse(RuStoreSamples.InvoiceStatusPlaintext(dataAsObject: true));

        Assert.True(parsed.IsOk);
        Assert.Equal("inv-1", parsed.Value.InvoiceStatus!.InvoiceId);
        Assert.Equal("confirmed", parsed.Value.InvoiceStatus.StatusNew);
    }

    [Theory]
    [InlineData("INVOICE_STATUS_SANDBOX", false, true)]
    [InlineData("TEST_EVENT_SANDBOX", true, true)]
    [InlineData("invoice_status", false, false)]
    [InlineData("Test_Event", true, false)]
    public void The_type_decides_kind_and_sandbox(string type, bool testEvent, bool sandbox)
    {
        var kind = testEvent ? RuStoreNotificationKind.TestEvent : RuStoreNotificationKind.InvoiceStatus;
        var plaintext = testEvent
            ? RuStoreSamples.TestEventPlaintext(type)
            : RuStoreSamples.InvoiceStatusPlaintext(type: type);

        var parsed = Parse(plaintext);

        Assert.Equal(kind, parsed.Value!.Kind);
        Assert.Equal(sandbox, parsed.Value.IsSandboxType);
        Assert.Equal(type.ToUpperInvariant(), parsed.Value.NotificationType);
    }

    [Theory]
    [InlineData("""{"app_id":1,"notification_type":"SUBSCRIPTION_EVENT","data":"{}"}""", "unknown_notification_type")]
    [InlineData("""{"app_id":1,"data":"{}"}""", "missing_field")]
    [InlineData("""{"app_id":1,"notification_type":"INVOICE_STATUS"}""", "missing_field")]
    [InlineData("""{"app_id":1,"notification_type":"INVOICE_STATUS","data":"not json"}""", "malformed_data")]
    [InlineData("""{"app_id":1,"notification_type":"INVOICE_STATUS","data":"[1,2]"}""", "malformed_data")]
    [InlineData("""{"app_id":1,"notification_type":"INVOICE_STATUS","data":42}""", "malformed_data")]
    [InlineData("""{"app_id":1,"notification_type":"INVOICE_STATUS","data":"{\"status_new\":\"paid\"}"}""", "missing_field")]
    [InlineData("""{"app_id":1,"notification_type":"INVOICE_STATUS","data":"{\"invoice_id\":\"1\"}"}""", "missing_field")]
    [InlineData("""{"app_id":1,"notification_type":"INVOICE_STATUS","data":{"invoice_id":"1","status_new":""}}""", "missing_field")]
    [InlineData("""[1,2,3]""", "malformed_payload")]
    [InlineData("""{"app_id":1,""", "malformed_payload")]
    public void Bad_payloads_are_refused_with_a_reason(string plaintext, string reason)
    {
        var parsed = Parse(plaintext);

        Assert.False(parsed.IsOk);
        Assert.Equal(reason, parsed.Rejection.Reason);
        Assert.Equal(400, parsed.Rejection.StatusCode);
    }

    [Fact]
    public void Invalid_UTF8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"notification_type":"TEST_EVENT","x":"??"}""");
        bytes[^4] = 0xFF;

        var parsed = RuStoreNotificationParser.Parse(bytes);

        Assert.Equal("malformed_payload", parsed.Rejection?.Reason);
    }

    [Fact]
    public void Ids_sent_as_numbers_are_read_as_their_text()
    {
        var parsed = Parse("""{"app_id":"12345","notification_type":"INVOICE_STATUS","data":{"invoice_id":987654321,"status_new":"EXECUTED"}}""");

        Assert.Equal("987654321", parsed.Value!.InvoiceStatus!.InvoiceId);
        Assert.Equal(12345, parsed.Value.AppId);
    }

    [Fact]
    public void An_unreadable_change_status_time_becomes_null()
    {
        var parsed = Parse("""{"notification_type":"INVOICE_STATUS","data":{"invoice_id":"1","status_new":"paid","change_status_time":"yesterday"}}""");

        Assert.True(parsed.IsOk);
        Assert.Null(parsed.Value.InvoiceStatus!.ChangeStatusTime);
        Assert.Null(parsed.Value.AppId);
    }

    private static Payments.Ingress.Webhooks.Checked<RuStoreNotification> Parse(string plaintext) =>
        RuStoreNotificationParser.Parse(Encoding.UTF8.GetBytes(plaintext));
}
