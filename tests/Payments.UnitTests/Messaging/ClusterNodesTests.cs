using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Messaging;

namespace Payments.UnitTests.Messaging;

/// <summary><c>Bus:RabbitMq:ClusterNodes</c> and <c>DeliveryLimit</c> as the services read and check them at start.</summary>
public sealed class ClusterNodesTests
{
    [Fact]
    public void Nodes_come_from_the_list_entries_or_comma_separated_ones_each_with_its_port_or_the_configured_one()
    {
        var options = Read(new()
        {
            ["Bus:RabbitMq:Port"] = "5673",
            ["Bus:RabbitMq:ClusterNodes:0"] = "rabbit-0.nodes:5672",
            ["Bus:RabbitMq:ClusterNodes:1"] = "rabbit-1.nodes, rabbit-2.nodes:5679",
            ["Bus:RabbitMq:ClusterNodes:2"] = "[::1]:5680",
        });

        Assert.Equal(
            [("rabbit-0.nodes", 5672), ("rabbit-1.nodes", 5673), ("rabbit-2.nodes", 5679), ("[::1]", 5680)],
            BrokerCluster.Nodes(options.RabbitMq));
    }

    [Fact]
    public void Without_cluster_nodes_the_one_node_is_Host_and_Port()
    {
        var options = Read(new() { ["Bus:RabbitMq:Host"] = "broker", ["Bus:RabbitMq:Port"] = "5999" });

        Assert.Equal([("broker", 5999)], BrokerCluster.Nodes(options.RabbitMq));
    }

    [Theory]
    [InlineData("rabbit-0:0")]
    [InlineData("rabbit-0:65536")]
    [InlineData("rabbit-0:amqp")]
    [InlineData("amqp://rabbit-0:5672")]
    [InlineData("rabbit 0:5672")]
    [InlineData(":5672")]
    public void A_node_that_is_not_host_and_port_stops_the_start_with_the_setting_named(string node)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Read(new() { ["Bus:RabbitMq:ClusterNodes:0"] = node }));

        Assert.Contains($"Bus:RabbitMq:ClusterNodes has '{node}'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivery_limit_below_one_stops_the_start()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Read(new() { ["Bus:RabbitMq:DeliveryLimit"] = "0" }));

        Assert.Contains("Bus:RabbitMq:DeliveryLimit must be at least 1", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_delivery_limit_defaults_to_twenty()
    {
        Assert.Equal(20, Read([]).RabbitMq.DeliveryLimit);
    }

    private static BusOptions Read(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Bus:Transport"] = "RabbitMq" });
        builder.AddServiceDefaults();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<BusOptions>>().Value;
    }
}
