using Microsoft.AspNetCore.Mvc;
using Payments.OperatorConsole.Services;

namespace Payments.OperatorConsole.Pages;

/// <summary>The messages of one error queue: what each is, why it failed, when; select and move back.</summary>
public sealed class DeadLetterQueueModel(ConsoleApi api) : ConsolePage
{
    [BindProperty(SupportsGet = true)] public string Queue { get; set; } = "";

    public DeadLetterList? List { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await api.DeadLettersAsync(Queue, cancellationToken);
        List = Take(answer, "Dead letters");
        return answer.NotFound ? NotFound() : Page();
    }
}
