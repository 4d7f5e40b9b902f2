using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.ServiceDefaults.Messaging;

namespace Payments.UnitTests.Messaging;

/// <summary>
/// The order of the filters every endpoint gets from <see cref="BusRegistration"/>: the message retry sits outside
/// the in-memory outbox, so an attempt that fails takes what it published and sent with it, and only the attempt that
/// succeeded is heard. The saga repository relies on this: it never re-runs a saga itself, it leaves a failed attempt
/// (a lost insert race, a deadlock, a failed commit) to this retry.
/// </summary>
public sealed class OutboxRetryTests
{
    [Fact]
    public async Task What_a_failed_attempt_published_or_sent_never_leaves_only_the_successful_attempts_messages_do()
    {
        await using var bus = await OutboxBus.StartAsync();

        await bus.PublishAsync(new Work { Id = "w1", FailTimes = 2 });

        await OutboxBus.WaitForAsync(() => bus.Attempts.GetValueOrDefault("w1") == 3 && bus.Heard.Count(o => o.Id == "w1") >= 2);
        await Task.Delay(500);
        var heard = bus.Heard.Where(o => o.Id == "w1").OrderBy(o => o.How, StringComparer.Ordinal).ToList();
        Assert.Equal([new Outcome { Id = "w1", Attempt = 3, How = "published" }, new Outcome { Id = "w1", Attempt = 3, How = "sent" }], heard);
    }

    public sealed record Work
    {
        public required string Id { get; init; }
        public required int FailTimes { get; init; }
    }

    public sealed record Outcome
    {
        public required string Id { get; init; }
        public required int Attempt { get; init; }
        public required string How { get; init; }
    }

    private sealed class WorkConsumer(OutboxBus state) : IConsumer<Work>
    {
        public async Task Consume(ConsumeContext<Work> context)
        {
            var attempt = state.Attempts.AddOrUpdate(context.Message.Id, 1, (_, n) => n + 1);
            await context.Publish(new Outcome { Id = context.Message.Id, Attempt = attempt, How = "published" });
            var endpoint = await context.GetSendEndpoint(new Uri("queue:outbox-retry-outcomes"));
            await endpoint.Send(new Outcome { Id = context.Message.Id, Attempt = attempt, How = "sent" });
            if (attempt <= context.Message.FailTimes)
            {
                throw new TimeoutException($"attempt {attempt} timed out after deciding");
            }
        }
    }

    private sealed class OutcomeListener(OutboxBus state) : IConsumer<Outcome>
    {
        public Task Consume(ConsumeContext<Outcome> context)
        {
            state.Heard.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }

    private sealed class OutcomeListenerDefinition : ConsumerDefinition<OutcomeListener>
    {
        public OutcomeListenerDefinition()
        {
            EndpointName = "outbox-retry-outcomes";
        }
    }

    /// <summary>A host with the project's own bus registration (in memory) and the consumers above.</summary>
    private sealed class OutboxBus : IAsyncDisposable
    {
        private IHost _host = null!;

        public ConcurrentDictionary<string, int> Attempts { get; } = new();

        public ConcurrentQueue<Outcome> Heard { get; } = new();

        public static async Task<OutboxBus> StartAsync()
        {
            var state = new OutboxBus();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Bus:Transport"] = "InMemory" });
            builder.Services.AddSingleton(state);
            builder.AddBusContribution(bus =>
            {
                bus.AddConsumer<WorkConsumer>();
                bus.AddConsumer<OutcomeListener, OutcomeListenerDefinition>();
            });
            builder.AddBus();
            state._host = builder.Build();
            await state._host.StartAsync();
            await state._host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(10));
            return state;
        }

        public Task PublishAsync(Work message) => _host.Services.GetRequiredService<IBus>().Publish(message);

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
