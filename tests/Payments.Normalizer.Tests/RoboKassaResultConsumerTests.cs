using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Contracts.Providers.RoboKassa;
using Payments.Normalizer.RoboKassa;

namespace Payments.Normalizer.Tests;

/// <summary>The consumer over MassTransit's in-memory test harness: the provider message in, one domain event out.</summary>
public sealed class RoboKassaResultConsumerTests : IAsyncLifetime
{
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.AddConsumer<RoboKassaResultConsumer>())
            .BuildServiceProvider(validateScopes: true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task A_result_is_published_as_PaymentSucceeded_under_a_message_id_derived_from_its_own()
    {
        var messageId = NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "robokassa/shop/production/450009/100.000000");

        await _harness.Bus.Publish(
            new RoboKassaResultReceived
            {
                Account = "shop",
                Environment = PaymentEnvironments.Production,
                InvId = "450009",
                OutSum = "100.000000",
                IsTest = false,
                ShpParameters = new Dictionary<string, string> { ["Shp_user"] = "Иван", ["Shp_oplata"] = "1" },
                UserId = "Иван",
                RawParameters = new Dictionary<string, string> { ["OutSum"] = "100.000000", ["InvId"] = "450009" },
            },
            context => context.MessageId = messageId);

        Assert.True(await _harness.Consumed.Any<RoboKassaResultReceived>());
        var published = Assert.Single(_harness.Published.Select<PaymentSucceeded>());
        var succeeded = published.Context.Message;
        Assert.Equal("450009", succeeded.Order.ProviderOrderId);
        Assert.Equal("Иван", succeeded.Payment.UserId);
        Assert.Equal("100.00", succeeded.Payment.Amount);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.Derived, $"{messageId}/normalized"), published.Context.MessageId);
        var consumed = Assert.Single(_harness.Consumed.Select<RoboKassaResultReceived>()).Context.Message;
        Assert.Equal("1", consumed.ShpParameters["Shp_oplata"]);
        Assert.Equal("450009", consumed.RawParameters["InvId"]);
    }
}
