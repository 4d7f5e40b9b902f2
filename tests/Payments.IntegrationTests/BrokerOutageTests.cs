using System.Net;
using Payments.Contracts.Providers.RuStore;
using Payments.Scenarios.Running;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>
/// Ingress answers success only for what the broker confirmed: with RabbitMQ stopped every notification gets
/// 503 (so the provider retries), and once RabbitMQ is back the same
/// kind of notification is accepted again without restarting anything.
/// </summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class BrokerOutageTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task With_the_broker_stopped_Ingress_answers_503_and_never_a_false_success_and_recovers_after_restart()
    {
        var broker = infrastructure.RabbitMq;
        if (broker.IsExternal)
        {
            throw new InvalidOperationException("This test stops the broker; run it against the test's own RabbitMQ (unset PAYMENTS_TEST_RABBITMQ).");
        }

        await using var ingress = await StartIngressAsync();
        var url = new Uri(ingress.Url);
        Assert.Equal(HttpStatusCode.OK, (await Send(url, "before")).StatusCode);

        await broker.StopAsync();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                // The answer comes after at most Bus:PublishTimeout (2 s); how fast is the benchmark's business, not a test's.
                var answer = await Send(url, $"during-{i}");
                Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"while the broker is down Ingress answered {answer.StatusCode}\n{ingress.RecentOutput}");
            }

            using var client = new HttpClient { BaseAddress = url };
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await broker.StartAgainAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        HttpStatusCode status;
        var attempt = 0;
        do
        {
            status = (await Send(url, $"after-{attempt++}")).StatusCode;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"unexpected {status}");
            if (status != HttpStatusCode.OK)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Ingress never recovered after the broker came back\n{ingress.RecentOutput}");
                await Task.Delay(1000);
            }
        }
        while (status != HttpStatusCode.OK);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Send(url, $"steady-{i}")).StatusCode);
        }
    }

    private async Task<ServiceProcess> StartIngressAsync()
    {
        // Ingress publishes as mandatory: a queue must take the messages, as the Normalizer's would.
        var broker = infrastructure.RabbitMq;
        await BrokerTopology.BindStandInQueueAsync(broker, BrokerTopology.ExchangeOf<RuStoreInvoiceStatusReceived>(), "broker-outage-stand-in");
        var ingress = ServiceProcess.Start("ingress", ServiceProcess.HostDll("Payments.Ingress.Host"), ServiceEnvironment(broker), $"http://127.0.0.1:{FreePort.Get()}");
        await ingress.WaitUntilHealthyAsync();
        return ingress;
    }

    /// <summary>What a service needs to run on the test's broker with the RuStore account of <see cref="DistributedSystem"/>.</summary>
    internal static Dictionary<string, string> ServiceEnvironment(RabbitMqBroker broker) =>
        new()
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Host"] = broker.Host,
            ["Bus__RabbitMq__Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__Username"] = broker.Username,
            ["Bus__RabbitMq__Password"] = broker.Password,
            ["Bus__RabbitMq__VirtualHost"] = broker.VirtualHost,
            [$"Providers__RuStore__Accounts__{DistributedSystem.Account}__Keys__0"] = Convert.ToBase64String(DistributedSystem.RuStoreKey),
        };

    private static Task<HttpResponseMessage> Send(Uri ingress, string orderId) =>
        PaymentPath.SendRuStoreAsync(ingress, DistributedSystem.Account, DistributedSystem.RuStoreKey, orderId, "confirmed", "sword");
}
