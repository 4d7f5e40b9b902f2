using Microsoft.AspNetCore.Mvc;
using Payments.OperatorConsole.Access;
using Payments.OperatorConsole.Services;

namespace Payments.OperatorConsole.Pages;

/// <summary>One dead letter: its fault, headers and body (personal data masked until revealed).</summary>
public sealed class DeadLetterModel(ConsoleApi api, OperatorAudit audit) : ConsolePage
{
    [BindProperty(SupportsGet = true)] public string Queue { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string MessageId { get; set; } = "";

    public DeadLetterMessage? Message { get; private set; }

    public bool Revealed { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostRevealAsync(CancellationToken cancellationToken)
    {
        audit.Revealed(Operator, $"dead letter {MessageId} in {Queue}");
        Revealed = true;
        return LoadAsync(cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var answer = await api.DeadLetterAsync(Queue, MessageId, cancellationToken);
        Message = Take(answer, "Dead letters");
        return answer.NotFound ? NotFound() : Page();
    }
}
