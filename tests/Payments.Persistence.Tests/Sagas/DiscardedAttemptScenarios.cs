namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// A delivery whose first attempt decided an outcome and then could not commit it — its insert collided with
/// another creator of the instance, or its commit failed transiently — is run again. Only what the committed attempt
/// decided may leave the endpoint: the discarded attempt's messages must never reach a subscriber, neither next to
/// the committed ones nor instead of them. Run with the provider's own execution strategy and with SQL Server's
/// retrying one (which re-runs whatever its delegate holds).
/// </summary>
public abstract class DiscardedAttemptScenarios
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    protected abstract Task<DecisionSagaHost> StartHostAsync(bool retryLikeSqlServer);

    /// <summary>
    /// Called while the first attempt's behaviours run for a new instance: makes its insert collide.
    /// </summary>
    protected abstract Task ProvokeInsertConflictAsync(DecisionSagaHost host, Guid correlationId);

    /// <summary>The instance as the attempt after the conflict stores it, for an event with sequence 7.</summary>
    protected abstract (int Counter, string Applied) StoredAfterConflict { get; }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_an_insert_conflict_only_the_committed_attempts_decision_leaves(bool retryLikeSqlServer)
    {
        await using var host = await StartHostAsync(retryLikeSqlServer);
        var id = Guid.NewGuid();
        var hookRuns = 0;
        CreationHooks.Register(id, async () =>
        {
            if (Interlocked.Increment(ref hookRuns) == 1)
            {
                await ProvokeInsertConflictAsync(host, id);
            }
        });

        IReadOnlyList<Decision> decisions;
        try
        {
            await host.PublishAsync(new Decide { CounterId = id, Sequence = 7 });
            decisions = await host.DecisionsAfterCommitAsync(id, StoredAfterConflict.Counter, Patience);
        }
        finally
        {
            CreationHooks.Remove(id);
        }

        AssertOnlyTheCommittedDecisionLeft(decisions, await host.FindAsync(id), StoredAfterConflict.Counter, StoredAfterConflict.Applied);
        Assert.Equal(2, DecisionStateMachine.AttemptsFor(id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_transient_failure_between_decision_and_commit_only_the_committed_attempts_decision_leaves(bool retryLikeSqlServer)
    {
        await using var host = await StartHostAsync(retryLikeSqlServer);
        var id = Guid.NewGuid();

        host.Faults.FailNextCommit();
        await host.PublishAsync(new Decide { CounterId = id, Sequence = 3 });
        var decisions = await host.DecisionsAfterCommitAsync(id, 1, Patience);

        AssertOnlyTheCommittedDecisionLeft(decisions, await host.FindAsync(id), 1, "3");
        Assert.Equal(2, DecisionStateMachine.AttemptsFor(id));
    }

    private static void AssertOnlyTheCommittedDecisionLeft(IReadOnlyList<Decision> decisions, CounterState? saga, int counter, string applied)
    {
        Assert.NotNull(saga);
        Assert.Equal(counter, saga.Counter);
        Assert.Equal(applied, saga.Applied);

        // Two attempts decided (the test proves nothing otherwise, see the callers); one committed, and only its
        // decision left: the second attempt's, with the state that was stored.
        Assert.True(
            decisions.Count == 1,
            $"{decisions.Count} decisions left the saga: {string.Join("; ", decisions.Select(d => $"attempt {d.Attempt} counter {d.Counter} applied [{d.Applied}]"))}");
        var decision = decisions[0];
        Assert.Equal(2, decision.Attempt);
        Assert.Equal(saga.Counter, decision.Counter);
        Assert.Equal(saga.Applied, decision.Applied);
    }
}
