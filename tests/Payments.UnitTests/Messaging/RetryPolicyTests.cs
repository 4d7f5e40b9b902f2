using System.Collections.Concurrent;
using System.Net.Sockets;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Payments.Persistence;
using Payments.Persistence.Sagas;
using Payments.ServiceDefaults.Messaging;

namespace Payments.UnitTests.Messaging;

/// <summary>The bus retries in place only what a later attempt can get past; the rest goes to <c>_error</c> at once.</summary>
public sealed class RetryPolicyTests
{
    public static TheoryData<string, Exception, bool> Failures => new()
    {
        { "timeout", new TimeoutException("the query timed out"), true },
        { "socket", new SocketException((int)SocketError.ConnectionRefused), true },
        { "Npgsql lost connection", new NpgsqlException("Exception while connecting", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "PostgreSQL deadlock", new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"), true },
        { "PostgreSQL serialization failure", new PostgresException("could not serialize access", "ERROR", "ERROR", "40001"), true },
        { "save failed on a lost connection", new DbUpdateException("An error occurred while saving", new NpgsqlException("Exception while reading", new IOException("reset"))), true },
        { "a prepared statement outlived a schema change", new PostgresException("cached plan must not change result type", "ERROR", "ERROR", "0A000"), true },
        { "a prepared statement outlived a schema change, in a save", new DbUpdateException("An error occurred while saving", new PostgresException("cached plan must not change result type", "ERROR", "ERROR", "0A000")), true },
        { "lost saga insert race", new SagaInsertConflictException("conflict"), true },
        { "EF Core's strategy ran out", new Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException("retries exhausted"), true },
        { "broker did not confirm", new MessageNotAcknowledgedException(new Uri("rabbitmq://localhost/x"), "nack"), true },
        { "SQLite busy", new Microsoft.Data.Sqlite.SqliteException("database is locked", 5), true },
        { "a cancelled send", new OperationCanceledException("the channel was closed"), true },
        { "the ledger lost its races", new ConcurrentWriteConflictException("lost 5 races", new DbUpdateException("duplicate key")), true },
        { "the game answered 503", new HttpRequestException("unavailable", null, System.Net.HttpStatusCode.ServiceUnavailable), true },
        { "the game answered 404", new HttpRequestException("not found", null, System.Net.HttpStatusCode.NotFound), false },
        { "a missing file", new FileNotFoundException("no such file", "keys.pem"), false },
        { "SQLite constraint", new Microsoft.Data.Sqlite.SqliteException("UNIQUE constraint failed", 19), false },
        { "a bad value", new ArgumentException("quantity must be positive"), false },
        { "a unique key nobody handles", new DbUpdateException("An error occurred while saving", new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")), false },
        { "a column too short", new DbUpdateException("An error occurred while saving", new PostgresException("value too long", "ERROR", "ERROR", "22001")), false },
        { "a body that does not deserialize", new System.Text.Json.JsonException("unexpected token"), false },
        { "a bug", new InvalidOperationException("Sequence contains no elements"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_retried_only_if_a_later_attempt_can_succeed(string what, Exception failure, bool transient)
    {
        Assert.True(transient == TransientFailures.IsTransient(failure, [new DatabaseTransientFailuresProbe().Classifier]), what);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_in_place_until_it_succeeds()
    {
        await using var bus = await FlakyBus.StartAsync();

        await bus.PublishAsync(new Flaky { Id = "transient", FailTimes = 2, Failure = nameof(TimeoutException) });

        await FlakyBus.WaitForAsync(() => bus.Succeeded.ContainsKey("transient"));
        Assert.Equal(3, bus.Attempts["transient"]);
    }

    [Fact]
    public async Task A_permanent_failure_faults_at_once_without_a_retry()
    {
        await using var bus = await FlakyBus.StartAsync();

        await bus.PublishAsync(new Flaky { Id = "permanent", FailTimes = int.MaxValue, Failure = nameof(ArgumentException) });

        // The fault is published when the message goes to _error; with retries that would be about two minutes away.
        await FlakyBus.WaitForAsync(() => bus.Faulted.ContainsKey("permanent"));
        Assert.Equal(1, bus.Attempts["permanent"]);
        Assert.Contains(nameof(ArgumentException), bus.Faulted["permanent"], StringComparison.Ordinal);
    }

    public sealed record Flaky
    {
        public required string Id { get; init; }
        public required int FailTimes { get; init; }
        public required string Failure { get; init; }
    }

    /// <summary>Reaches the Persistence module's classifier as the bus does: through the services a host registers.</summary>
    private sealed class DatabaseTransientFailuresProbe
    {
        public ITransientFailureClassifier Classifier { get; } = Resolve();

        private static ITransientFailureClassifier Resolve()
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:ApplySchemaAtStart"] = "false",
                ["ConnectionStrings:Probe"] = "Data Source=:memory:",
            });
            builder.AddServiceDatabase<ProbeDbContext, ProbeDbContext, ProbeDbContext>(new ServiceDatabase("Probe"));
            using var host = builder.Build();
            return Assert.Single(host.Services.GetServices<ITransientFailureClassifier>());
        }
    }

    private sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options);

    private sealed class FlakyConsumer(FlakyBus state) : IConsumer<Flaky>
    {
        public Task Consume(ConsumeContext<Flaky> context)
        {
            var message = context.Message;
            var attempt = state.Attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
            if (attempt <= message.FailTimes)
            {
                throw message.Failure == nameof(TimeoutException)
                    ? new TimeoutException($"attempt {attempt} timed out")
                    : new ArgumentException($"attempt {attempt}: a value no attempt accepts");
            }

            state.Succeeded[message.Id] = attempt;
            return Task.CompletedTask;
        }
    }

    private sealed class FaultWatcher(FlakyBus state) : IConsumer<Fault<Flaky>>
    {
        public Task Consume(ConsumeContext<Fault<Flaky>> context)
        {
            state.Faulted[context.Message.Message.Id] = string.Join("; ", context.Message.Exceptions.Select(e => e.ExceptionType));
            return Task.CompletedTask;
        }
    }

    /// <summary>A host with the project's own bus registration (in memory) and the consumers above.</summary>
    private sealed class FlakyBus : IAsyncDisposable
    {
        private IHost _host = null!;

        public ConcurrentDictionary<string, int> Attempts { get; } = new();

        public ConcurrentDictionary<string, int> Succeeded { get; } = new();

        public ConcurrentDictionary<string, string> Faulted { get; } = new();

        public static async Task<FlakyBus> StartAsync()
        {
            var state = new FlakyBus();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Bus:Transport"] = "InMemory" });
            builder.Services.AddSingleton(state);
            builder.AddBusContribution(bus =>
            {
                bus.AddConsumer<FlakyConsumer>();
                bus.AddConsumer<FaultWatcher>();
            });
            builder.AddBus();
            state._host = builder.Build();
            await state._host.StartAsync();
            await state._host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(10));
            return state;
        }

        public Task PublishAsync(Flaky message) => _host.Services.GetRequiredService<IBus>().Publish(message);

        public static async Task WaitForAsync(Func<bool> condition)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (!condition())
            {
                await Task.Delay(20, patience.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }
}
