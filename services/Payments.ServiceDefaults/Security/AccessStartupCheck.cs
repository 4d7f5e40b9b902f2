using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Access;

namespace Payments.ServiceDefaults.Security;

/// <summary>
/// Once the request pipeline is built, before the server listens: refuses a route mapped with neither a scope nor
/// <c>AllowAnonymous</c>, and logs who may call the APIs (key names and the JWT issuer, never a key or a digest).
/// </summary>
internal sealed partial class AccessStartupCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app); // maps the routes
        var services = app.ApplicationServices;
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var open = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } policy && Scopes.All.Contains(policy)))
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName)
            .ToList();
        if (open.Count > 0)
        {
            throw new InvalidOperationException(
                $"Every route needs a scope (RequireScope) or AllowAnonymous; these have neither (any authenticated caller is not a scope): {string.Join(", ", open)}.");
        }

        if (!endpoints.Any(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } p && Scopes.All.Contains(p))))
        {
            return; // no API routes here (Ingress, Normalizer): nothing to report
        }

        var keys = services.GetRequiredService<ApiKeyCatalog>();
        var jwt = services.GetRequiredService<IOptions<AuthOptions>>().Value.Jwt;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<AccessStartupCheck>();
        if (keys.Count == 0 && !jwt.Enabled)
        {
            LogClosed(logger, AuthOptions.SectionName);
        }
        else
        {
            LogOpen(logger, keys.Count, string.Join(", ", keys.Names), jwt.Enabled ? jwt.Authority! : "none");
        }
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key and no JWT authority is configured under {Section}: every API route answers 401 (webhooks and health are unaffected)")]
    private static partial void LogClosed(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "API access: {KeyCount} API key(s) ({KeyNames}), JWT authority {Authority}")]
    private static partial void LogOpen(ILogger logger, int keyCount, string keyNames, string authority);
}
