using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Ledger;

/// <summary>
/// Before Entitlements reports ready, a first grant's statements run and are rolled back (<see cref="GrantLedger.RehearseAsync"/>),
/// once and then repeated on several connections (<see cref="IRepeatableWarmup"/>).
/// </summary>
internal sealed class GrantLedgerWarmup(IServiceScopeFactory scopes, DatabaseOptions database) : IRepeatableWarmup
{
    public string Name => "grant-ledger";

    public bool RunsOnSeveralConnections => database.Provider != DatabaseProvider.Sqlite;

    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GrantLedger>().RehearseAsync(cancellationToken);
    }
}
