using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Trace;

namespace Payments.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every host, on the SDK's hosting package: traces of ASP.NET Core, HttpClient, MassTransit and
/// the project's own <see cref="PaymentsTelemetry"/> source (modules add theirs, e.g. the database spans of
/// Payments.Persistence), metrics of the same plus the .NET runtime, exported over OTLP as the standard
/// <c>OTEL_*</c> variables say.
/// </summary>
/// <remarks>
/// A signal is collected only when an OTLP endpoint is set for it (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or
/// <c>OTEL_EXPORTER_OTLP_{TRACES|METRICS}_ENDPOINT</c>) and neither <c>OTEL_SDK_DISABLED=true</c> nor
/// <c>OTEL_{TRACES|METRICS}_EXPORTER=none</c> turns it off: without a listener ASP.NET Core and MassTransit create
/// no activities at all, so a process that exports nothing also pays nothing. Such a process passes no trace
/// context on, which is why every service of a deployment gets the same <c>OTEL_*</c> settings. The sampler is the
/// SDK's default, parent-based always-on (<c>OTEL_TRACES_SAMPLER</c> overrides it).
/// </remarks>
public static class TelemetryRegistration
{
    /// <summary>MassTransit's ActivitySource and Meter.</summary>
    public const string MassTransitName = "MassTransit";

    /// <summary>Span attributes of a server request that carry the raw path or query: user ids, RoboKassa's signature.</summary>
    private static readonly string[] RawRequestTags = ["url.path", "url.query", "url.full"];

    public static IHostApplicationBuilder AddPaymentsTelemetry(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var traces = OtlpConfigured(configuration, "TRACES");
        var metrics = OtlpConfigured(configuration, "METRICS");
        if (!traces && !metrics)
        {
            return builder;
        }

        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured
            ? configured
            : builder.Environment.ApplicationName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName));

        if (traces)
        {
            // Inbound context is a link, never a parent (InboundTraceContext). The SDK's default propagator is set to
            // plain W3C trace context so the ASP.NET Core instrumentation does not extract a parent from the headers
            // by itself; outgoing propagation (HttpClient, MassTransit's headers) is unaffected.
            builder.Services.AddSingleton<DistributedContextPropagator>(new InboundTraceContext.NoParentPropagator());
            builder.Services.AddTransient<IStartupFilter, InboundTraceContext.LinkCallerContext>();
            Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());
            telemetry.WithTracing(tracing => tracing
                .AddSource(MassTransitName, PaymentsTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    // Probes every few seconds from the kubelet would fill the trace store.
                    aspNetCore.Filter = context => !IsHealthProbe(context.Request);
                    aspNetCore.EnrichWithHttpResponse = (activity, _) => RemoveRawRequestTags(activity);
                    aspNetCore.EnrichWithException = (activity, _) => RemoveRawRequestTags(activity);
                })
                .AddHttpClientInstrumentation(http =>
                {
                    http.EnrichWithHttpRequestMessage = (activity, _) => KeepOriginOnly(activity);
                    http.EnrichWithHttpResponseMessage = (activity, _) => KeepOriginOnly(activity);
                })
                .AddOtlpExporter());
        }

        if (metrics)
        {
            telemetry.WithMetrics(meters => meters
                .AddMeter(MassTransitName, PaymentsTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }

    internal static bool IsHealthProbe(HttpRequest request) => request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The server span keeps the route template (<c>http.route</c>, and the span name <c>POST /webhooks/rustore/{account}</c>)
    /// and loses the path and query the instrumentation records: they carry user ids and secrets.
    /// </summary>
    internal static void RemoveRawRequestTags(Activity activity)
    {
        foreach (var tag in RawRequestTags)
        {
            activity.SetTag(tag, null);
        }
    }

    /// <summary>
    /// An outgoing request's span keeps where it went (scheme, host, port) and loses the path and query: the game's
    /// user check puts the user id in the path and may carry a token in the query.
    /// </summary>
    public static void KeepOriginOnly(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.GetTagItem("url.full") is string full && Uri.TryCreate(full, UriKind.Absolute, out var url))
        {
            activity.SetTag("url.full", url.GetLeftPart(UriPartial.Authority));
        }
    }

    /// <summary>
    /// An OTLP endpoint is set for the signal and nothing turns it off. Read from configuration, which holds the
    /// process environment, as the SDK itself reads its <c>OTEL_*</c> settings once it is hosted.
    /// </summary>
    private static bool OtlpConfigured(IConfiguration configuration, string signal) =>
        !string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(configuration[$"OTEL_{signal}_EXPORTER"], "none", StringComparison.OrdinalIgnoreCase)
        && (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"]));
}
