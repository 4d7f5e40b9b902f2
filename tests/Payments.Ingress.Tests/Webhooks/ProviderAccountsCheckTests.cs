using Payments.Ingress.Tests.Support;

namespace Payments.Ingress.Tests.Webhooks;

public class ProviderAccountsCheckTests
{
    [Fact]
    public async Task Without_any_provider_account_Ingress_refuses_to_start_and_names_the_settings()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => IngressTestHost.StartAsync(new Dictionary<string, string?>()));

        Assert.Contains("No provider account is configured", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Providers:RuStore:Accounts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Providers:Xsolla:Accounts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Providers:RoboKassa:Accounts", failure.Message, StringComparison.Ordinal);
    }
}
