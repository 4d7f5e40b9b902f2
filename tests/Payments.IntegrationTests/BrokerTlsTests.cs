using System.Globalization;
using System.Net;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>
/// <c>Bus:RabbitMq:UseTls</c> against a private RabbitMQ node with a TLS listener and a certificate signed by a CA
/// the test makes with openssl: a service that trusts that CA connects and becomes ready; one that trusts another CA,
/// or expects another name, never connects.
/// </summary>
[Trait(Needs.Trait, Needs.RabbitMq)]
public sealed class BrokerTlsTests : IAsyncLifetime
{
    private TestCertificates _certificates = null!;
    private RabbitMqBroker _broker = null!;
    private string _data = "";

    public async Task InitializeAsync()
    {
        _certificates = await TestCertificates.CreateAsync();
        _broker = await RabbitMqBroker.StartAsync(_certificates);
        _data = Directory.CreateTempSubdirectory("payments-tls-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _certificates.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_service_that_trusts_the_brokers_CA_connects_over_TLS_and_is_ready()
    {
        await using var entitlements = Start(_certificates.CaFile);
        await entitlements.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(90));

        // The node saw the client on its TLS listener and never on the plain one. Read from the node's own log:
        // 'rabbitmqctl list_connections' asks every connection process and, on a loaded machine, timed out in CI.
        var log = await WaitForBrokerLogAsync($"-> {_broker.Host}:{_broker.TlsPort})");
        Assert.DoesNotContain($"-> {_broker.Host}:{_broker.Port})", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("another CA", null)]
    [InlineData("another name", "broker.example.com")]
    public async Task A_service_that_cannot_verify_the_broker_never_connects(string why, string? serverName)
    {
        await using var entitlements = Start(why == "another CA" ? _certificates.StrangerCaFile : _certificates.CaFile, serverName);
        using var client = new HttpClient { BaseAddress = new Uri(entitlements.Url) };
        var until = DateTime.UtcNow.AddSeconds(20);
        var sawCertificateRefusal = false;
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var ready = await client.GetAsync("/health/ready");
                Assert.NotEqual(HttpStatusCode.OK, ready.StatusCode);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            sawCertificateRefusal = entitlements.RecentOutput.Contains("certificate", StringComparison.OrdinalIgnoreCase);
            if (sawCertificateRefusal)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.True(sawCertificateRefusal, $"{why}: no certificate refusal was logged\n{entitlements.RecentOutput}");
    }

    private async Task<string> WaitForBrokerLogAsync(string accepted)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var log = _broker.RecentOutput;
            if (log.Split('\n').Any(line => line.Contains("accepting AMQP connection", StringComparison.Ordinal) && line.Contains(accepted, StringComparison.Ordinal)))
            {
                return log;
            }

            Assert.True(DateTime.UtcNow < until, $"the node never logged a connection accepted on '{accepted}'\n{log}");
            await Task.Delay(200);
        }
    }

    private ServiceProcess Start(string caFile, string? serverName = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Host"] = _broker.Host,
            ["Bus__RabbitMq__Port"] = _broker.TlsPort.ToString(CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__Username"] = _broker.Username,
            ["Bus__RabbitMq__Password"] = _broker.Password,
            ["Bus__RabbitMq__UseTls"] = "true",
            ["Bus__RabbitMq__TlsCaFile"] = caFile,
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Entitlements"] = $"Data Source={Path.Combine(_data, $"entitlements-{Guid.NewGuid():N}.db")}",
        };
        if (serverName is not null)
        {
            environment["Bus__RabbitMq__TlsServerName"] = serverName;
        }

        foreach (var (key, value) in ApiCredentials.Tests.EnvironmentVariables)
        {
            environment[key] = value;
        }

        return ServiceProcess.Start("entitlements-tls", ServiceProcess.HostDll("Payments.Entitlements.Host"), environment, $"http://127.0.0.1:{FreePort.Get()}");
    }
}
