using System.Diagnostics.Metrics;
using Payments.Orders.Lifecycle;
using Payments.ServiceDefaults.Telemetry;

namespace Payments.Orders.Saga;

/// <summary>What the order saga did with each event, on the project's meter, tagged with the provider.</summary>
internal static class OrderMetrics
{
    private static readonly Counter<long> Transitions = PaymentsTelemetry.Meter.CreateCounter<long>(
        "payments.orders.transitions", unit: "{event}", description: "Events that moved an order to a new status, tagged with the status reached.");

    private static readonly Counter<long> Duplicates = PaymentsTelemetry.Meter.CreateCounter<long>(
        "payments.orders.duplicates", unit: "{event}", description: "Events an order had already recorded (provider retries, redeliveries).");

    private static readonly Counter<long> Ignored = PaymentsTelemetry.Meter.CreateCounter<long>(
        "payments.orders.ignored", unit: "{event}", description: "Events an order could not take (out of order, after a terminal status), tagged with the event and the order's status.");

    public static void Record(string provider, string eventName, LifecycleDecision decision)
    {
        var byProvider = new KeyValuePair<string, object?>("provider", provider);
        switch (decision.Disposition)
        {
            case Disposition.Duplicate:
                Duplicates.Add(1, byProvider, new KeyValuePair<string, object?>("event", eventName));
                break;
            case Disposition.Ignored:
                Ignored.Add(1, byProvider, new KeyValuePair<string, object?>("event", eventName), Status(decision.Target));
                break;
            case Disposition.Applied when decision.Moved:
                Transitions.Add(1, byProvider, Status(decision.Target));
                break;
        }
    }

    private static KeyValuePair<string, object?> Status(OrderStatus? status) =>
        new("status", status is { } known ? OrderTransitions.Lower(known) : "none");
}
