using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Payments.OperatorConsole.Access;
using Payments.ServiceDefaults.Security;

namespace Payments.OperatorConsole.Pages;

public sealed class SignOutModel(OperatorAudit audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        audit.SignedOut(User.Identity?.Name ?? "unknown");
        await HttpContext.SignOutAsync(PaymentsCredentials.ConsoleScheme);
        return LocalRedirect(ConsolePaths.SignIn);
    }
}
