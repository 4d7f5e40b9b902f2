using Microsoft.Extensions.DependencyInjection;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Ledger;

/// <summary>Before Entitlements reports ready, a first grant's statements run once and are rolled back (<see cref="GrantLedger.RehearseAsync"/>).</summary>
internal sealed class GrantLedgerWarmup(IServiceScopeFactory scopes) : IStartupWarmup
{
    public string Name => "grant-ledger";

    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GrantLedger>().RehearseAsync(cancellationToken);
    }
}
