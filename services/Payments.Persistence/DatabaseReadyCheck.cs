using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Payments.Persistence;

internal static class DatabaseReadyCheck
{
    /// <summary>
    /// A server that does not answer must make readiness say "not ready" within the probe's own timeout (5 s in
    /// deploy/), not leave the probe waiting out the client's connect timeout (15 s) unanswered.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
}

/// <summary>Readiness: the service's own database answers a round trip, within <see cref="DatabaseReadyCheck.Timeout"/>.</summary>
internal sealed class DatabaseReadyCheck<TContext>(IServiceScopeFactory scopes) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The attempt is cancelled at the limit; a client in the middle of its connection handshake may not observe
            // that, so the answer is not waited for beyond it either. The attempt owns its context and disposes it.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(DatabaseReadyCheck.Timeout);
            return await CanConnectAsync(limit.Token).WaitAsync(DatabaseReadyCheck.Timeout, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not accept connections.");
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"The database did not answer within {DatabaseReadyCheck.Timeout.TotalSeconds:0} s.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable.", exception);
        }
    }

    private async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().Database.CanConnectAsync(cancellationToken);
    }
}
