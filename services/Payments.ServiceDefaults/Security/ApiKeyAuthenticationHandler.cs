using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Access;

namespace Payments.ServiceDefaults.Security;

/// <summary>
/// Authenticates <c>X-Api-Key: key</c> or <c>Authorization: Bearer key</c> against <see cref="ApiKeyCatalog"/>.
/// The caller's identity is the entry's name; its scopes become one space-separated <c>scope</c> claim, as in a JWT.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCatalog catalog)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PaymentsCredentials.PresentedApiKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // The failure message is logged by the framework: it never contains the key.
        if (catalog.Find(presented) is not { } entry)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of the configured keys."));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, entry.Name),
                new Claim(ScopeRequirement.ScopeClaim, string.Join(' ', entry.Scopes)),
            ],
            Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
