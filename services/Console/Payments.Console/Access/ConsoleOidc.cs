using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Payments.Contracts.Access;
using Payments.OperatorConsole.Pages;
using Payments.ServiceDefaults.Security;

namespace Payments.OperatorConsole.Access;

/// <summary>Whether the sign-in page offers the identity provider (README "Operator console").</summary>
public sealed record ConsoleSignInChoices(bool Oidc);

/// <summary>
/// Optional sign-in with the identity provider of <c>Auth:Jwt</c>: authorization code flow with PKCE, answered by
/// query (a top-level GET back to the console, so the handler's SameSite=Lax correlation and nonce cookies come
/// along; a cross-site form_post would need SameSite=None). The operator must hold the scope <c>console</c> in the
/// access token the provider issued, validated as the services validate a bearer token (signature by the
/// provider's keys, issuer, audience <c>Auth:Jwt:Audience</c>, lifetime): the same grant that would let the
/// operator call the APIs with <c>console</c>. The console's own session cookie stays SameSite=Strict.
/// </summary>
public static partial class ConsoleOidc
{
    public const string Scheme = "ConsoleOidc";

    public const string AuthoritySetting = "Auth:Jwt:Authority";

    /// <summary>The operator's name: the first of these the identity token carries.</summary>
    private static readonly string[] NameClaims = ["preferred_username", "name", "sub"];

    /// <summary>The query of the sign-in page when the provider's sign-in was refused: it shows the refusal.</summary>
    public const string RefusedQuery = "refused=1";

    internal static void Add(AuthenticationBuilder authentication, JwtOptions jwt, ConsoleOptions options)
    {
        authentication.AddOpenIdConnect(Scheme, oidc =>
        {
            oidc.Authority = jwt.Authority;
            oidc.RequireHttpsMetadata = !Uri.TryCreate(jwt.Authority, UriKind.Absolute, out var authority) || !authority.IsLoopback;
            oidc.ClientId = options.Oidc.ClientId;
            oidc.ClientSecret = string.IsNullOrEmpty(options.Oidc.ClientSecret) ? null : options.Oidc.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("profile");
            oidc.Scope.Add(Scopes.Console);
            oidc.CallbackPath = ConsolePaths.OidcCallback;
            oidc.SignedOutCallbackPath = "/console/signout-callback-oidc";
            oidc.RemoteSignOutPath = "/console/signout-oidc";
            oidc.SignInScheme = PaymentsCredentials.ConsoleScheme;
            oidc.SignOutScheme = PaymentsCredentials.ConsoleScheme;
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.SaveTokens = false; // the cookie carries the operator's name and scope, never the provider's tokens
            oidc.TokenValidationParameters.ValidAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

            foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = options.SecureCookie;
                cookie.HttpOnly = true;
                cookie.Path = ConsolePaths.Root;
            }

            oidc.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = SignInAsync,
                OnRemoteFailure = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<OperatorAudit>()
                        .SignInRefused($"identity provider sign-in failed: {Printable(context.Failure?.Message)}");
                    context.Response.Redirect($"{ConsolePaths.SignIn}?{RefusedQuery}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
    }

    /// <summary>The button's target (a GET: no script, and a form's redirect to the provider would break <c>form-action 'self'</c>) and the landing page.</summary>
    internal static void Map(WebApplication app)
    {
        app.MapGet(ConsolePaths.OidcChallenge, (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = $"{ConsolePaths.OidcLanding}?returnUrl={Uri.EscapeDataString(SignInModel.SafeReturnUrl(returnUrl))}" },
                [Scheme]))
            .AllowAnonymous().ExcludeFromDescription();

        // The callback is the end of a navigation the provider started (cross-site): a browser does not send the
        // SameSite=Strict session cookie on redirects of that navigation. This page, reached that way, moves on by
        // itself (meta refresh, no script): a navigation the console's own page starts, which carries the cookie.
        app.MapGet(ConsolePaths.OidcLanding, (string? returnUrl) =>
            {
                var target = HtmlEncoder.Default.Encode(SignInModel.SafeReturnUrl(returnUrl));
                return Results.Content(
                    $"""
                    <!DOCTYPE html>
                    <html lang="en"><head><meta charset="utf-8" /><meta http-equiv="refresh" content="0;url={target}" />
                    <title>Signed in · Payments console</title><link rel="stylesheet" href="{ConsolePaths.StyleSheet}" /><link rel="icon" href="data:," /></head>
                    <body><main><p>Signed in. <a href="{target}">Continue to the console</a>.</p></main></body></html>
                    """,
                    "text/html; charset=utf-8");
            })
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task SignInAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context)
    {
        var audit = context.HttpContext.RequestServices.GetRequiredService<OperatorAudit>();
        var idToken = context.Principal!;
        var subject = idToken.FindFirst("sub")?.Value;
        var name = NameClaims.Select(type => idToken.FindFirst(type)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var refusal = name is null || subject is null
            ? "the identity token names no subject"
            : await ConsoleGrantRefusalAsync(context.HttpContext, context.TokenEndpointResponse?.AccessToken, subject);
        if (refusal is not null)
        {
            audit.SignInRefused($"identity provider user {Printable(name)}: {refusal}");
            context.Response.Redirect($"{ConsolePaths.SignIn}?{RefusedQuery}");
            context.HandleResponse();
            return;
        }

        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name!), new Claim("scope", Scopes.Console), new Claim("amr", "oidc")],
            PaymentsCredentials.ConsoleScheme));
        context.Properties!.IsPersistent = false;
        audit.SignedIn(name!);
    }

    /// <summary>
    /// Null when the access token is one the APIs would accept for <paramref name="subject"/> with the scope
    /// <c>console</c>; else why not. Its validation is the JWT bearer scheme's own (<c>Auth:Jwt</c>).
    /// </summary>
    private static async Task<string?> ConsoleGrantRefusalAsync(HttpContext http, string? accessToken, string subject)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return "no access token";
        }

        var bearer = http.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(PaymentsCredentials.JwtScheme);
        var configuration = await bearer.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        var parameters = bearer.TokenValidationParameters.Clone();
        parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
        parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. configuration.SigningKeys];
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(accessToken, parameters);
        if (!result.IsValid)
        {
            return $"the access token is not valid here ({result.Exception?.GetType().Name ?? "invalid"})";
        }

        if (result.ClaimsIdentity.FindFirst("sub")?.Value != subject)
        {
            return "the access token is another subject's";
        }

        var scopes = result.ClaimsIdentity.Claims
            .Where(c => c.Type is "scope" or "scp")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return scopes.Contains(Scopes.Console, StringComparer.Ordinal) ? null : $"not granted the scope {Scopes.Console}";
    }

    /// <summary>A value from outside for a log line: printable, bounded.</summary>
    private static string Printable(string? value) =>
        value is null ? "(none)" : ControlCharacters().Replace(value.Length > 200 ? value[..200] : value, "?");

    [GeneratedRegex(@"\p{C}")]
    private static partial Regex ControlCharacters();
}
