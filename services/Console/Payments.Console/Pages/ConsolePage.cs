using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Payments.OperatorConsole.Pages;

/// <summary>What every signed-in page shares: the operator's name and the services' failures to show.</summary>
public abstract class ConsolePage : PageModel
{
    public List<string> Failures { get; } = [];

    protected string Operator => User.Identity?.Name ?? "unknown";

    /// <summary>The value, or null with the failure noted for the page (a not-found is the caller's to word).</summary>
    protected T? Take<T>(Services.ServiceAnswer<T> answer, string what)
    {
        if (answer.Ok)
        {
            return answer.Value;
        }

        if (!answer.NotFound)
        {
            Failures.Add($"{what}: {answer.Error ?? "no answer"} ({(int)answer.Status})");
        }

        return default;
    }
}
