using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Payments.ServiceDefaults.Telemetry;

/// <summary>The project's own ActivitySource and Meter, both named <c>Payments</c>.</summary>
public static class PaymentsTelemetry
{
    public const string Name = "Payments";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}
