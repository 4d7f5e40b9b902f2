using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Payments.Contracts.Access;
using Payments.OperatorConsole.Access;
using Payments.ServiceDefaults.Security;

namespace Payments.OperatorConsole.Pages;

/// <summary>
/// Exchanges an operator API key (one of this host's <c>Auth:ApiKeys</c> with the scope <c>console</c>) for a
/// session cookie. The key is compared as every API key is (digest, constant time) and never stored or logged.
/// </summary>
public sealed class SignInModel(ApiKeyCatalog keys, OperatorAudit audit, ConsoleSignInChoices choices) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Refused { get; private set; }

    /// <summary>The identity provider's button is shown (<see cref="ConsoleOidc"/>).</summary>
    public bool Oidc => choices.Oidc;

    /// <summary>The target of the identity provider's button, back to <see cref="ReturnUrl"/> afterwards.</summary>
    public string OidcChallenge => $"{ConsolePaths.OidcChallenge}?returnUrl={Uri.EscapeDataString(SafeReturnUrl(ReturnUrl))}";

    /// <summary><c>?refused=1</c>: the identity provider's sign-in came back refused (<see cref="ConsoleOidc"/>).</summary>
    public void OnGet(string? refused) => Refused = refused == "1";

    public async Task<IActionResult> OnPostAsync(string? apiKey)
    {
        var entry = string.IsNullOrEmpty(apiKey) || apiKey.Length > 512 ? null : keys.Find(apiKey);
        if (entry is null || !entry.Scopes.Contains(Scopes.Console, StringComparer.Ordinal))
        {
            audit.SignInRefused(entry is null ? "unknown key" : $"key {entry.Name} lacks the scope {Scopes.Console}");
            Refused = true;
            return Page();
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, entry.Name), new Claim("scope", Scopes.Console), new Claim("amr", "api-key")],
            PaymentsCredentials.ConsoleScheme);
        await HttpContext.SignInAsync(PaymentsCredentials.ConsoleScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        audit.SignedIn(entry.Name);
        return LocalRedirect(SafeReturnUrl(ReturnUrl));
    }

    /// <summary>Back to the console page that sent the operator here; anything else goes to the overview.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(ConsolePaths.Root, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal) && (url.Length == ConsolePaths.Root.Length || url[ConsolePaths.Root.Length] is '/' or '?')
            ? url
            : ConsolePaths.Root;
}
