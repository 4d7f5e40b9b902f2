using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Payments.ServiceDefaults.Telemetry;

/// <summary>
/// Hosts the OpenTelemetry SDK for the life of the process. OpenTelemetry.Extensions.Hosting is not in the
/// registry we build against, so this small service does its job: build the tracer and meter providers at
/// start, flush and dispose them at stop. Exporters follow the standard <c>OTEL_*</c> variables.
/// </summary>
/// <remarks>
/// A provider is built only for a signal that has an OTLP endpoint. Without one nothing listens, so nothing is
/// recorded: ASP.NET Core (since .NET 10) and MassTransit create no activities, <see cref="PaymentsTelemetry"/>
/// returns null activities and its counters are no-ops. The price: such a process also passes no trace context
/// on, so every service of a deployment gets the same <c>OTEL_*</c> settings. The sampler is the SDK's default,
/// parent-based always-on (<c>OTEL_TRACES_SAMPLER</c> overrides it): the trace that ASP.NET Core starts for a
/// provider's request is recorded, and every activity below it — the Ingress publish, and through MassTransit's
/// <c>MT-Activity-Id</c> header each consume in the other services — follows that decision.
/// </remarks>
internal sealed class TelemetryHostedService(IHostEnvironment environment) : IHostedService, IDisposable
{
    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "MassTransit", PaymentsTelemetry.Name];

    private TracerProvider? _tracer;
    private MeterProvider? _meter;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var resource = ResourceBuilder.CreateDefault().AddService(
            serviceName: Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") ?? environment.ApplicationName,
            serviceInstanceId: Environment.MachineName);

        if (OtlpConfigured("TRACES"))
        {
            _tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(Sources).AddOtlpExporter().Build();
        }

        if (OtlpConfigured("METRICS"))
        {
            _meter = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter("MassTransit", PaymentsTelemetry.Name).AddOtlpExporter().Build();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _tracer?.ForceFlush(5000);
        _meter?.ForceFlush(5000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
    }

    /// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or the signal's own endpoint, unless <c>OTEL_{signal}_EXPORTER=none</c>.</summary>
    private static bool OtlpConfigured(string signal) =>
        !string.Equals(Environment.GetEnvironmentVariable($"OTEL_{signal}_EXPORTER"), "none", StringComparison.OrdinalIgnoreCase)
        && (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))
            || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable($"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT")));
}
