using Payments.Scenarios.Generation;
using Payments.Scenarios.Providers;
using Payments.Simulator;

namespace Payments.Scenarios.Running;

internal enum DeliveryTarget
{
    Ingress,
    Orders,
}

/// <summary>One copy of one notification (or registration) to send; re-queued while the system answers 503.</summary>
internal sealed class Delivery(ScenarioOrder order, string kind, DeliveryTarget target, Func<ProviderRequest> createRequest)
{
    public ScenarioOrder Order { get; } = order;
    public string Kind { get; } = kind;
    public DeliveryTarget Target { get; } = target;
    public Func<ProviderRequest> CreateRequest { get; } = createRequest;
    public int Attempts { get; set; }

    public static Delivery Of(ScenarioNotification notification) =>
        new(notification.Order, notification.Kind, DeliveryTarget.Ingress, notification.CreateRequest);

    public static Delivery Registration(ScenarioOrder order)
    {
        var request = OrderRequests.Place(order.Reference, order.Registration ?? throw new ArgumentException($"Order {order} is never registered.", nameof(order)));
        return new Delivery(order, "orders:register", DeliveryTarget.Orders, () => request);
    }
}
