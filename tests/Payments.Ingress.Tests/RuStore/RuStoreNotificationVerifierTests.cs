using Payments.Ingress.RuStore;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.RuStore;

namespace Payments.Ingress.Tests.RuStore;

public class RuStoreNotificationVerifierTests
{
    [Fact]
    public void A_production_key_and_a_production_type_are_production()
    {
        var verified = RuStoreNotificationVerifier.Verify(RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext()), TestKeys.Account());

        Assert.Equal("production", verified.Value!.Environment);
        Assert.Equal(RuStoreKeyKind.Production, verified.Value.KeyKind);
    }

    [Fact]
    public void A_sandbox_key_with_INVOICE_STATUS_is_refused()
    {
        var payload = RuStoreNotifications.Seal(TestKeys.Sandbox, RuStoreSamples.InvoiceStatusPlaintext(type: "INVOICE_STATUS"));

        var verified = RuStoreNotificationVerifier.Verify(payload, TestKeys.Account());

        Assert.Equal("sandbox_key_for_production_type", verified.Rejection?.Reason);
        Assert.Equal(400, verified.Rejection?.StatusCode);
    }

    [Fact]
    public void A_sandbox_key_with_TEST_EVENT_is_refused()
    {
        var payload = RuStoreNotifications.Seal(TestKeys.Sandbox, RuStoreSamples.TestEventPlaintext("TEST_EVENT"));

        Assert.Equal("sandbox_key_for_production_type", RuStoreNotificationVerifier.Verify(payload, TestKeys.Account()).Rejection?.Reason);
    }

    [Theory]
    [InlineData("INVOICE_STATUS_SANDBOX")]
    [InlineData("TEST_EVENT_SANDBOX")]
    public void A_sandbox_key_with_a_sandbox_type_is_sandbox(string type)
    {
        var plaintext = type.StartsWith("TEST", StringComparison.Ordinal)
            ? RuStoreSamples.TestEventPlaintext(type)
            : RuStoreSamples.InvoiceStatusPlaintext(type: type);

        var verified = RuStoreNotificationVerifier.Verify(RuStoreNotifications.Seal(TestKeys.Sandbox, plaintext), TestKeys.Account());

        Assert.Equal("sandbox", verified.Value!.Environment);
        Assert.Equal(RuStoreKeyKind.Sandbox, verified.Value.KeyKind);
    }

    [Fact]
    public void A_production_key_with_a_sandbox_type_is_sandbox()
    {
        var payload = RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext(type: "INVOICE_STATUS_SANDBOX"));

        var verified = RuStoreNotificationVerifier.Verify(payload, TestKeys.Account());

        Assert.Equal("sandbox", verified.Value!.Environment);
        Assert.Equal(RuStoreKeyKind.Production, verified.Value.KeyKind);
    }

    [Fact]
    public void An_account_with_only_sandbox_keys_never_yields_production()
    {
        var sandboxOnly = new RuStoreAccountKeys("sbx", [], [TestKeys.Sandbox]);

        var refused = RuStoreNotificationVerifier.Verify(RuStoreNotifications.Seal(TestKeys.Sandbox, RuStoreSamples.InvoiceStatusPlaintext()), sandboxOnly);
        var accepted = RuStoreNotificationVerifier.Verify(
            RuStoreNotifications.Seal(TestKeys.Sandbox, RuStoreSamples.InvoiceStatusPlaintext(type: "INVOICE_STATUS_SANDBOX")), sandboxOnly);

        Assert.False(refused.IsOk);
        Assert.Equal("sandbox", accepted.Value!.Environment);
    }

    [Theory]
    [InlineData("%%%", "bad_base64")]
    [InlineData("AAAA", "payload_too_short")]
    public void Decryption_failures_map_to_reasons(string payload, string reason)
    {
        Assert.Equal(reason, RuStoreNotificationVerifier.Verify(payload, TestKeys.Account()).Rejection?.Reason);
    }

    [Fact]
    public void A_payload_under_an_unknown_key_is_not_verified()
    {
        var payload = RuStoreNotifications.Seal(TestKeys.Unknown, RuStoreSamples.InvoiceStatusPlaintext());

        Assert.Equal("decryption_failed", RuStoreNotificationVerifier.Verify(payload, TestKeys.Account()).Rejection?.Reason);
    }
}
