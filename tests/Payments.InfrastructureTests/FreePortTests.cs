using System.Net;
using System.Net.Sockets;
using Payments.Testing;

namespace Payments.InfrastructureTests;

public sealed class FreePortTests
{
    [Fact]
    public void Ports_are_distinct_bindable_and_never_from_the_range_the_kernel_gives_outgoing_connections()
    {
        var ports = FreePort.GetMany(50);

        Assert.Equal(50, ports.Distinct().Count());
        Assert.All(ports, port => Assert.InRange(port, FreePort.First, FreePort.EphemeralRangeStart() - 1));
        foreach (var port in ports.Take(5))
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
        }
    }
}
