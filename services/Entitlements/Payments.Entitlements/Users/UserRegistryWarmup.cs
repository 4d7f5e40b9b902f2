using Microsoft.Extensions.DependencyInjection;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Users;

/// <summary>
/// Before Entitlements reports ready, the user check's query runs once: EF Core builds its model and compiles the
/// query, and the connection pool opens, so the first Xsolla <c>user_validation</c> does not pay for them inside
/// its 2-second budget (the ledger's first grant profits too).
/// </summary>
internal sealed class UserRegistryWarmup(IServiceScopeFactory scopes) : IStartupWarmup
{
    public string Name => "user-registry";

    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        _ = await scope.ServiceProvider.GetRequiredService<UserRegistry>().IsKnownAsync("payments-warmup", cancellationToken);
    }
}
