using Xunit;

namespace Payments.Testing;

/// <summary>
/// One <see cref="PostgresServer"/> and one <see cref="RabbitMqBroker"/>, started in parallel and
/// shared by every test of a collection.
/// <para>
/// xunit only honours collection definitions declared in the test assembly itself, so each test
/// project declares the collection:
/// <code>
/// [CollectionDefinition("infrastructure")]
/// public sealed class InfrastructureCollection : ICollectionFixture&lt;InfrastructureFixture&gt;;
///
/// [Collection("infrastructure")]
/// public sealed class MyTests(InfrastructureFixture infrastructure) { ... }
/// </code>
/// </para>
/// <para>
/// Set <c>PAYMENTS_TEST_POSTGRES</c> (an Npgsql connection string) and/or <c>PAYMENTS_TEST_RABBITMQ</c>
/// (<c>amqp://user:pass@host:port/vhost</c>) to use existing servers instead; tests that stop servers
/// should then skip (see <see cref="PostgresServer.IsExternal"/> and <see cref="RabbitMqBroker.IsExternal"/>).
/// </para>
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private RabbitMqBroker? _rabbitMq;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("The fixture is not initialized.");

    public RabbitMqBroker RabbitMq => _rabbitMq ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var postgres = PostgresServer.StartAsync(cts.Token);
        var rabbitMq = RabbitMqBroker.StartAsync(cts.Token);
        try
        {
            await Task.WhenAll(postgres, rabbitMq);
        }
        catch
        {
            // Whichever one did start must not be left running.
            if (postgres.IsCompletedSuccessfully)
            {
                await postgres.Result.DisposeAsync();
            }

            if (rabbitMq.IsCompletedSuccessfully)
            {
                await rabbitMq.Result.DisposeAsync();
            }

            throw;
        }

        _postgres = postgres.Result;
        _rabbitMq = rabbitMq.Result;
    }

    public async Task DisposeAsync()
    {
        if (_rabbitMq is not null)
        {
            await _rabbitMq.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
