using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Payments.ServiceDefaults.Telemetry;

/// <summary>
/// A request's <c>traceparent</c> comes from whoever can reach the port — for the webhooks, anyone on the internet —
/// so it never becomes the parent of our spans: an outsider would choose the trace id and the sampling decision of
/// the whole internal trace (publish, consumers, database). Every request starts a trace of its own, and a valid
/// inbound context is kept only as a link on the server span, for whoever wants to follow the caller's side.
/// </summary>
internal static class InboundTraceContext
{
    /// <summary>
    /// ASP.NET Core takes the propagator from the container to extract a request's parent: this one extracts nothing
    /// (no parent, no baggage) and injects as the runtime's default does, for the rare outgoing use.
    /// </summary>
    internal sealed class NoParentPropagator : DistributedContextPropagator
    {
        private readonly DistributedContextPropagator _default = CreateDefaultPropagator();

        public override IReadOnlyCollection<string> Fields => _default.Fields;

        public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
            _default.Inject(activity, carrier, setter);

        public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
        {
            traceId = null;
            traceState = null;
        }

        public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => null;
    }

    /// <summary>Adds the caller's context, when the request carried a valid one, as a link of the server span.</summary>
    internal sealed class LinkCallerContext : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Features.Get<IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } server
                    && context.Request.Headers.TryGetValue("traceparent", out var traceparent)
                    && ActivityContext.TryParse(traceparent.ToString(), context.Request.Headers["tracestate"].ToString(), isRemote: true, out var caller))
                {
                    server.AddLink(new ActivityLink(caller));
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
