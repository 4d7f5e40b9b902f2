using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Payments.Contracts.Access;

namespace Payments.ServiceDefaults.Security;

/// <summary>
/// Answers a refused request with <c>401</c> or <c>403</c> and an <c>application/problem+json</c> body that names
/// only the credential and the scope: never the resource, so a refusal reads the same whether it exists or not.
/// </summary>
internal sealed class AccessProblemWriter(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (policy.AuthenticationSchemes.Contains(PaymentsCredentials.ConsoleScheme))
        {
            // A console page: the session cookie's handler answers (to the sign-in page), not an API problem.
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            var presented = PaymentsCredentials.Presented(context.Request);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers[HeaderNames.WWWAuthenticate] = presented
                ? "Bearer realm=\"payments\", error=\"invalid_token\""
                : "Bearer realm=\"payments\"";
            await WriteAsync(
                context,
                "Unauthorized",
                presented
                    ? "The credential was not accepted: an unknown, revoked or malformed API key, or an invalid or expired token."
                    : $"Send an API key as {PaymentsCredentials.ApiKeyHeader} or Authorization: Bearer, or a bearer token.");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var scope = policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).FirstOrDefault();
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.Headers[HeaderNames.WWWAuthenticate] = scope is null
                ? "Bearer realm=\"payments\", error=\"insufficient_scope\""
                : $"Bearer realm=\"payments\", error=\"insufficient_scope\", scope=\"{scope}\"";
            await WriteAsync(context, "Forbidden", scope is null ? "The credential does not allow this route." : $"This route needs the scope {scope}.");
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task WriteAsync(HttpContext context, string title, string detail)
    {
        var problem = new ProblemDetails { Status = context.Response.StatusCode, Title = title, Detail = detail };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await Results.Problem(problem).ExecuteAsync(context);
        }
    }
}
