using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MassTransit;
using Payments.Contracts.Entitlements;
using Payments.Testing;
using RabbitMQ.Client;

namespace Payments.Cli.Tests.Support;

/// <summary>
/// A private RabbitMQ node, the Entitlements host on it (as a process, SQLite in a temp folder), and a test bus that
/// puts messages into error queues and records every <see cref="EntitlementGranted"/> the host announces.
/// </summary>
public sealed class BrokerWithEntitlements : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("payments-cli-dl-").FullName;
    private RabbitMqBroker? _broker;
    private ServiceProcess? _entitlements;
    private IBusControl? _bus;

    public RabbitMqBroker Broker => _broker ?? throw new InvalidOperationException("Not started.");

    public ServiceProcess Entitlements => _entitlements ?? throw new InvalidOperationException("Not started.");

    public IBus Bus => _bus ?? throw new InvalidOperationException("Not started.");

    /// <summary>Every EntitlementGranted announcement, with its MessageId.</summary>
    public ConcurrentQueue<(Guid? MessageId, EntitlementGranted Message)> Granted { get; } = new();

    public async Task InitializeAsync()
    {
        _broker = await RabbitMqBroker.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Host"] = _broker.Host,
            ["Bus__RabbitMq__Port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__VirtualHost"] = _broker.VirtualHost,
            ["Bus__RabbitMq__Username"] = _broker.Username,
            ["Bus__RabbitMq__Password"] = _broker.Password,
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Entitlements"] = $"Data Source={Path.Combine(_data, "entitlements.db")}",
        };
        foreach (var (key, value) in ApiCredentials.Tests.EnvironmentVariables)
        {
            environment[key] = value;
        }

        _entitlements = ServiceProcess.Start("entitlements", ServiceProcess.HostDll("Payments.Entitlements.Host"), environment, $"http://127.0.0.1:{FreePort.Get()}");
        await _entitlements.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(90));

        var broker = _broker;
        _bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(transport =>
        {
            transport.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.Username);
                host.Password(broker.Password);
            });
            transport.ReceiveEndpoint("cli-tests-granted", endpoint => endpoint.Handler<EntitlementGranted>(context =>
            {
                Granted.Enqueue((context.MessageId, context.Message));
                return Task.CompletedTask;
            }));
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _bus.StartAsync(cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
        }

        if (_entitlements is not null)
        {
            await _entitlements.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    /// <summary>Ready messages in <paramref name="queue"/>; 0 while it does not exist.</summary>
    public async Task<uint> CountAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = Broker.AmqpUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    /// <summary>Every grant line of <paramref name="userId"/> (empty for a user never seen).</summary>
    public async Task<List<JsonElement>> GrantsAsync(string userId)
    {
        using var client = ApiCredentials.Tests.Client(new Uri(Entitlements.Url));
        using var response = await client.GetAsync($"/users/{userId}/entitlements/history");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("grants").EnumerateArray().Select(g => g.Clone()).ToList();
    }

    public async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} never happened\n{Entitlements.RecentOutput}");
            await Task.Delay(100);
        }
    }
}
