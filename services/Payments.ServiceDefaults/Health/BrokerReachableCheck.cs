using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Messaging;

namespace Payments.ServiceDefaults.Health;

/// <summary>
/// Readiness: the RabbitMQ node accepts a TCP connection. MassTransit's own bus check stays healthy for a
/// publish-only service (Ingress has no receive endpoint whose state would change) while the broker is down, so
/// this check makes a broker outage visible on <c>/health/ready</c> for every service.
/// </summary>
internal sealed class BrokerReachableCheck(IOptions<BusOptions> options) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bus = options.Value;
        if (bus.Transport != BusTransport.RabbitMq)
        {
            return HealthCheckResult.Healthy("In-memory transport.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(bus.RabbitMq.Host, bus.RabbitMq.EffectivePort, deadline.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ at {bus.RabbitMq.Host}:{bus.RabbitMq.EffectivePort} does not accept connections.");
        }
    }
}
