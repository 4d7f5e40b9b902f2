using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Access;

namespace Payments.ServiceDefaults.Security;

/// <summary>Logs at start who may call the APIs: key names and the JWT issuer, never a key or a digest.</summary>
internal sealed partial class AccessReport(
    ApiKeyCatalog keys, IOptions<AuthOptions> options, EndpointDataSource endpoints, ILogger<AccessReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jwt = options.Value.Jwt;
        var scopedRoutes = endpoints.Endpoints.Any(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } p && Scopes.All.Contains(p)));
        if (!scopedRoutes)
        {
            return Task.CompletedTask;
        }

        if (keys.Count == 0 && !jwt.Enabled)
        {
            LogClosed(logger, AuthOptions.SectionName);
        }
        else
        {
            LogOpen(logger, keys.Count, string.Join(", ", keys.Names), jwt.Enabled ? jwt.Authority! : "none");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key and no JWT authority is configured under {Section}: every API route answers 401 (webhooks and health are unaffected)")]
    private static partial void LogClosed(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "API access: {KeyCount} API key(s) ({KeyNames}), JWT authority {Authority}")]
    private static partial void LogOpen(ILogger logger, int keyCount, string keyNames, string authority);
}
