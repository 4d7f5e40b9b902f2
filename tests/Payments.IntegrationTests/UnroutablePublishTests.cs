using System.Net;
using Payments.Contracts.Providers.RuStore;
using Payments.Scenarios.Running;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>
/// RabbitMQ confirms a message that no queue is bound for, and drops it. Ingress publishes as mandatory, so such a
/// notification is answered 503 (the provider retries) instead of 200 for a payment nobody will ever see.
/// </summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class UnroutablePublishTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task With_no_consumer_queue_bound_yet_a_notification_is_refused_503_and_accepted_once_the_Normalizer_started()
    {
        var broker = infrastructure.RabbitMq;
        await BrokerTopology.DeleteExchangeAsync(broker, BrokerTopology.ExchangeOf<RuStoreInvoiceStatusReceived>());
        var environment = BrokerOutageTests.ServiceEnvironment(broker);
        await using var ingress = ServiceProcess.Start("ingress", ServiceProcess.HostDll("Payments.Ingress.Host"), environment, $"http://127.0.0.1:{FreePort.Get()}");
        await ingress.WaitUntilHealthyAsync();
        var url = new Uri(ingress.Url);

        using (var unrouted = await Send(url, "unroutable-1"))
        {
            Assert.True(unrouted.StatusCode == HttpStatusCode.ServiceUnavailable, $"Ingress answered {unrouted.StatusCode} for a message no queue takes\n{ingress.RecentOutput}");
        }

        Assert.Contains("The broker returned RuStoreInvoiceStatusReceived", ingress.RecentOutput, StringComparison.Ordinal);

        // The provider's retry, once the Normalizer has bound its queue, is accepted.
        await using var normalizer = ServiceProcess.Start("normalizer", ServiceProcess.HostDll("Payments.Normalizer.Host"), environment, $"http://127.0.0.1:{FreePort.Get()}");
        await normalizer.WaitUntilHealthyAsync();
        using var retried = await Send(url, "unroutable-1");
        Assert.True(retried.StatusCode == HttpStatusCode.OK, $"Ingress answered {retried.StatusCode} with the Normalizer's queue bound\n{ingress.RecentOutput}");
    }

    private static Task<HttpResponseMessage> Send(Uri ingress, string orderId) =>
        PaymentPath.SendRuStoreAsync(ingress, DistributedSystem.Account, DistributedSystem.RuStoreKey, orderId, "confirmed", "sword");
}
