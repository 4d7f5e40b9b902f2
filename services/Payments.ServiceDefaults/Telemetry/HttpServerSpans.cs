using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Payments.ServiceDefaults.Telemetry;

/// <summary>
/// ASP.NET Core starts a server activity per request but names it <c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c>
/// and tags nothing; OpenTelemetry.Instrumentation.AspNetCore, which would, is not in our registry. This names the
/// span after its route (<c>POST /webhooks/rustore/{account}</c>) with the HTTP semantic-convention tags — the route
/// template, never the path or query, which carry user ids and RoboKassa's signature — and leaves health probes
/// unrecorded, so a kubelet polling every few seconds does not fill the trace store.
/// </summary>
internal sealed class HttpServerSpans : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(NameAndTagAsync);
        next(app);
    };

    private static async Task NameAndTagAsync(HttpContext context, RequestDelegate next)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is not { IsAllDataRequested: true })
        {
            await next(context);
            return;
        }

        if (context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            var method = context.Request.Method;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            activity.DisplayName = route is null ? method : $"{method} {route}";
            activity.SetTag("http.request.method", method);
            activity.SetTag("http.route", route);
            activity.SetTag("http.response.status_code", context.Response.StatusCode);
            if (context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
