using Payments.OperatorConsole.Services;

namespace Payments.OperatorConsole.Pages;

/// <summary>Every error queue with its depth (the Archive owns the broker access).</summary>
public sealed class DeadLettersModel(ConsoleApi api) : ConsolePage
{
    public DeadLetterQueues? Queues { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Queues = Take(await api.DeadLetterQueuesAsync(cancellationToken), "Dead letters");
}
