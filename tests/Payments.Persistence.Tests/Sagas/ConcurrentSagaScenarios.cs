namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// Concurrency scenarios run on every provider: many events for the same not-yet-existing instance delivered at
/// the same time through a real bus with 50 concurrent deliveries and no partitioner. A lost update shows as a
/// counter below the number of events or a missing sequence number; a lost event as a fault or a timeout.
/// </summary>
public abstract class ConcurrentSagaScenarios
{
    protected static readonly TimeSpan DeliveryTimeout = TimeSpan.FromMinutes(2);

    protected abstract Task<CounterSagaHost> StartHostAsync();

    [Fact]
    public async Task Fifty_concurrent_events_for_one_new_instance_are_all_applied()
    {
        await using var host = await StartHostAsync();
        var id = Guid.NewGuid();
        var sequences = Enumerable.Range(1, 50).ToList();

        using (host.HoldCreationUntilEndpointIsFull([id]))
        {
            await host.PublishConcurrentlyAsync(sequences.Select(s => new Tick { CounterId = id, Sequence = s }));
            await host.Deliveries.WaitForAsync(sequences.Count, DeliveryTimeout);
        }

        Assert.Empty(host.Deliveries.Faults);
        AssertApplied(await host.FindAsync(id), sequences);
        Assert.Single(await host.AllAsync());
        // All 50 events really were in flight together, racing for the instance (else the test proves nothing).
        Assert.Equal(CounterStateDefinition.Concurrency, host.Deliveries.MaxInFlight);
    }

    [Fact]
    public async Task Fifty_concurrent_events_that_insert_on_initial_are_all_applied_to_one_instance()
    {
        await using var host = await StartHostAsync();
        var id = Guid.NewGuid();
        var sequences = Enumerable.Range(1, 50).ToList();

        using (host.HoldCreationUntilEndpointIsFull([id]))
        {
            await host.PublishConcurrentlyAsync(sequences.Select(s => new EagerTick { CounterId = id, Sequence = s }));
            await host.Deliveries.WaitForAsync(sequences.Count, DeliveryTimeout);
        }

        Assert.Empty(host.Deliveries.Faults);
        AssertApplied(await host.FindAsync(id), sequences);
        Assert.Single(await host.AllAsync());
        Assert.Equal(CounterStateDefinition.Concurrency, host.Deliveries.MaxInFlight);
    }

    [Fact]
    public async Task Concurrent_events_for_several_new_instances_interleaved_are_all_applied()
    {
        await using var host = await StartHostAsync();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var sequences = Enumerable.Range(1, 20).ToList();
        var ticks = sequences.SelectMany(s => ids.Select(id => new Tick { CounterId = id, Sequence = s })).ToList();

        using (host.HoldCreationUntilEndpointIsFull(ids))
        {
            await host.PublishConcurrentlyAsync(ticks);
            await host.Deliveries.WaitForAsync(ticks.Count, DeliveryTimeout);
        }

        Assert.Empty(host.Deliveries.Faults);
        foreach (var id in ids)
        {
            AssertApplied(await host.FindAsync(id), sequences);
        }

        Assert.Equal(ids.Count, (await host.AllAsync()).Count);
        Assert.Equal(CounterStateDefinition.Concurrency, host.Deliveries.MaxInFlight);
    }

    [Fact]
    public async Task Concurrent_first_events_correlated_by_expression_converge_on_one_instance()
    {
        await using var host = await StartHostAsync();
        var name = $"counter-{Guid.NewGuid():N}";
        var sequences = Enumerable.Range(1, 20).ToList();

        await host.PublishConcurrentlyAsync(sequences.Select(s => new NamedTick { Name = name, Sequence = s }));
        await host.Deliveries.WaitForAsync(sequences.Count, DeliveryTimeout);

        Assert.Empty(host.Deliveries.Faults);
        var saga = Assert.Single(await host.AllAsync());
        Assert.Equal(name, saga.Name);
        AssertApplied(saga, sequences);
    }

    protected static void AssertApplied(CounterState? saga, IReadOnlyCollection<int> sequences)
    {
        Assert.NotNull(saga);
        Assert.Equal(nameof(CounterStateMachine.Counting), saga.CurrentState);
        Assert.True(sequences.Count == saga.Counter, $"counter {saga.Counter} of {sequences.Count}; applied: {saga.Applied}");
        Assert.Equal(sequences.Order(), saga.AppliedSequences.Order());
    }
}
