using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Payments.ServiceDefaults.Warmup;

/// <summary>Readiness: every start-up warm-up has finished.</summary>
internal sealed class StartupWarmupCheck(StartupWarmupState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = state.Pending;
        return Task.FromResult(pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"Warming up: {string.Join(", ", pending)}."));
    }
}
