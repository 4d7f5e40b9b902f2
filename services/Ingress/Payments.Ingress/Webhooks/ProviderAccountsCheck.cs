using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Payments.Ingress.Webhooks;

/// <summary>
/// An Ingress without a single provider account would answer 404 to everything while looking healthy: refuse to
/// start instead, naming the settings (docs/architecture.md#configuration-and-start-up: missing provider secrets are a start-up error).
/// </summary>
internal sealed class ProviderAccountsCheck(IConfiguration configuration) : IHostedService
{
    private static readonly string[] Sections =
    [
        "Providers:RuStore:Accounts",
        "Providers:Xsolla:Accounts",
        "Providers:RoboKassa:Accounts",
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Sections.Any(section => configuration.GetSection(section).GetChildren().Any()))
        {
            throw new InvalidOperationException(
                $"No provider account is configured: set at least one of {string.Join(", ", Sections.Select(s => s + ":{name}:…"))} " +
                "(see README.md, Configuration).");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
