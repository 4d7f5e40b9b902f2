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

        var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(Sources);
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter("MassTransit", PaymentsTelemetry.Name);
        if (OtlpConfigured())
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }

        _tracer = tracing.Build();
        _meter = metrics.Build();
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

    private static bool OtlpConfigured() =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
}
