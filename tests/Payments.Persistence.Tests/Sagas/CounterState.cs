using MassTransit;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>Test saga: every applied event increments <see cref="Counter"/> and appends its sequence to <see cref="Applied"/>.</summary>
public sealed class CounterState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    /// <summary>Natural key for events correlated by expression (unique when set).</summary>
    public string? Name { get; set; }

    public int Counter { get; set; }

    /// <summary>Comma-separated sequence numbers of the applied events, in the order they were applied.</summary>
    public string Applied { get; set; } = string.Empty;

    public IReadOnlyList<int> AppliedSequences =>
        Applied.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
}
