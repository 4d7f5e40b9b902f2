using Payments.Testing;

namespace Payments.Entitlements.Tests.Ledger;

public class When_an_order_is_granted_and_revoked_with_redeliveries
{
    private const string Provider = "metrics-ledger";

    [Fact]
    public async Task Should_count_each_line_once_when_granted_and_once_when_revoked()
    {
        using var metrics = new MeasurementRecorder("payments.entitlements.", Provider);
        await using var ledger = await LedgerHarness.StartAsync(Provider);

        await ledger.Paid("sword", "shield");
        await ledger.Paid("sword", "shield");      // redelivered: re-emits EntitlementGranted, grants nothing new
        await ledger.Revoked("sword", "shield");
        await ledger.Revoked("sword", "shield");   // redelivered

        Assert.Equal(2, metrics.Sum("payments.entitlements.grants", ("environment", "production")));
        Assert.Equal(2, metrics.Sum("payments.entitlements.revocations", ("reason", "refunded")));
    }
}

public class When_the_revocation_reaches_the_ledger_before_the_grant
{
    private const string Provider = "metrics-ledger-late";

    [Fact]
    public async Task Should_count_neither_a_grant_nor_a_revocation()
    {
        using var metrics = new MeasurementRecorder("payments.entitlements.", Provider);
        await using var ledger = await LedgerHarness.StartAsync(Provider);

        await ledger.Revoked("sword");
        await ledger.Paid("sword");                // lands already revoked: the user never held it

        Assert.Equal(0, metrics.Sum("payments.entitlements.grants"));
        Assert.Equal(0, metrics.Sum("payments.entitlements.revocations"));
    }
}
