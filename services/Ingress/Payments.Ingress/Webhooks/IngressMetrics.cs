using System.Diagnostics.Metrics;
using Payments.ServiceDefaults.Telemetry;

namespace Payments.Ingress.Webhooks;

/// <summary>Counters of webhook answers on the project's meter, tagged with provider and reason.</summary>
internal sealed class IngressMetrics
{
    private readonly Counter<long> _accepted = PaymentsTelemetry.Meter.CreateCounter<long>(
        "payments.ingress.accepted", unit: "{notification}", description: "Provider notifications verified, published and answered with success.");

    private readonly Counter<long> _rejected = PaymentsTelemetry.Meter.CreateCounter<long>(
        "payments.ingress.rejected", unit: "{notification}", description: "Provider notifications refused, or not published, and answered with an error.");

    public void Accepted(string provider, string reason) =>
        _accepted.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("reason", reason));

    public void Rejected(string provider, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("reason", reason));
}
