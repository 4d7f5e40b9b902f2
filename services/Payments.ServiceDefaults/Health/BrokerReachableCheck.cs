using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Messaging;

namespace Payments.ServiceDefaults.Health;

/// <summary>
/// Readiness: a RabbitMQ node accepts a TCP connection. MassTransit's own bus check stays healthy for a
/// publish-only service (Ingress has no receive endpoint whose state would change) while the broker is down, so
/// this check makes a broker outage visible on <c>/health/ready</c> for every service. With
/// <c>Bus:RabbitMq:ClusterNodes</c> every node is tried at once: one node down is not an outage (the client fails over),
/// so the check fails only when no node answers, and names the ones that do not.
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

        var nodes = BrokerCluster.Nodes(bus.RabbitMq);
        var answers = await Task.WhenAll(nodes.Select(node => AcceptsAsync(node.Host, node.Port, cancellationToken)));
        var down = nodes.Where((_, i) => !answers[i]).Select(node => $"{node.Host}:{node.Port}").ToList();
        if (down.Count == 0)
        {
            return HealthCheckResult.Healthy();
        }

        if (down.Count < nodes.Count)
        {
            return HealthCheckResult.Healthy($"{nodes.Count - down.Count} of {nodes.Count} RabbitMQ nodes accept connections; not answering: {string.Join(", ", down)}.");
        }

        return HealthCheckResult.Unhealthy(nodes.Count == 1
            ? $"RabbitMQ at {down[0]} does not accept connections."
            : $"No RabbitMQ node accepts connections (tried {string.Join(", ", down)}).");
    }

    private static async Task<bool> AcceptsAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, deadline.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
