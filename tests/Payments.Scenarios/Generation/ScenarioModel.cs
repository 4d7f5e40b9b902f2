using Payments.Contracts;
using Payments.Scenarios.Providers;
using Payments.Simulator;

namespace Payments.Scenarios.Generation;

/// <summary>What a notification means for an order, provider-neutral; the expectation is computed from these alone.</summary>
public enum NotificationEffect
{
    /// <summary>RuStore executed.</summary>
    Started,

    /// <summary>RuStore paid (a hold).</summary>
    Authorized,

    /// <summary>RuStore confirmed; Xsolla payment, order_paid; RoboKassa result.</summary>
    Succeeded,

    /// <summary>RuStore cancelled, rejected, expired.</summary>
    Failed,

    /// <summary>RuStore reversed.</summary>
    Reversed,

    /// <summary>RuStore refunded; Xsolla refund, order_canceled.</summary>
    Refunded,

    /// <summary>Xsolla partial_refund: recorded, changes nothing.</summary>
    PartiallyRefunded,
}

/// <summary>The facts one notification carries: its effect and whatever user, items and amount the provider gave.</summary>
public sealed record NotificationFacts(NotificationEffect Effect, string? UserId = null, IReadOnlyList<OrderItem>? Items = null, string? Amount = null);

/// <summary>When the game backend registers the order (<c>POST /orders</c>) relative to the provider's notifications.</summary>
public enum RegistrationTiming
{
    /// <summary>Registered, and visible in <c>GET /orders</c>, before any notification is sent.</summary>
    Before,

    /// <summary>Registered 1–2 times at random places in the shuffled stream of notifications.</summary>
    Concurrent,

    /// <summary>Registered 1–2 times after every notification was answered (the order may wait as "awaiting details").</summary>
    After,

    /// <summary>Never registered: only what the provider says is known (Xsolla names user and items; RuStore and RoboKassa do not both).</summary>
    Never,
}

/// <summary>One provider notification of an order: its facts, and how to build its exact HTTP request (per delivery).</summary>
public sealed class ScenarioNotification
{
    public required ScenarioOrder Order { get; init; }

    /// <summary>e.g. <c>rustore:confirmed</c>, <c>xsolla:order_paid</c>, <c>robokassa:result</c>.</summary>
    public required string Kind { get; init; }

    public required NotificationFacts Facts { get; init; }

    /// <summary>Builds the request for one delivery (RuStore seals afresh every time).</summary>
    public required Func<ProviderRequest> CreateRequest { get; init; }

    public override string ToString() => $"{Order.Reference.Provider}/{Order.Reference.ProviderOrderId} {Kind}";
}

/// <summary>One generated order: who sells it, its provider lifecycle, its registration and its notifications.</summary>
public sealed class ScenarioOrder
{
    private readonly List<ScenarioNotification> _notifications = [];

    public required int Index { get; init; }

    public required OrderReference Reference { get; init; }

    /// <summary>The lifecycle as a label, e.g. <c>executed→paid→confirmed→refunded</c> or <c>combined: order_paid</c>.</summary>
    public required string Lifecycle { get; init; }

    public required RegistrationTiming Timing { get; init; }

    /// <summary>The registration, unless <see cref="Timing"/> is <see cref="RegistrationTiming.Never"/>.</summary>
    public OrderRegistration? Registration { get; init; }

    /// <summary>Generated so that the registered amount differs from the paid one: never granted.</summary>
    public bool DeliberateAmountMismatch { get; init; }

    /// <summary>Generated so that the registration names another user or other items than the provider: the registration wins.</summary>
    public bool DeliberateDetailsConflict { get; init; }

    public Guid OrderId => Reference.ToOrderId();

    public bool IsSandbox => Reference.Environment == PaymentEnvironments.Sandbox;

    /// <summary>The set of notifications the provider sends for this order (each delivered 1–3 times by the runner).</summary>
    public IReadOnlyList<ScenarioNotification> Notifications => _notifications;

    internal void Add(string kind, NotificationFacts facts, Func<ProviderRequest> createRequest) =>
        _notifications.Add(new ScenarioNotification { Order = this, Kind = kind, Facts = facts, CreateRequest = createRequest });

    public override string ToString() =>
        $"#{Index} {Reference.Provider}/{Reference.Environment}/{Reference.ProviderOrderId} [{Lifecycle}] registration {Timing}"
        + (Registration is { } r ? $" (user {r.UserId}, {string.Join(",", r.Items.Select(i => $"{i.Sku}×{i.Quantity}"))}, amount {r.Amount ?? "-"})" : "")
        + (DeliberateAmountMismatch ? " amount-mismatch" : "")
        + (DeliberateDetailsConflict ? " details-conflict" : "");
}

/// <summary>A generated set of orders, reproducible from <see cref="Seed"/> and the options.</summary>
public sealed class Scenario
{
    public required int Seed { get; init; }

    public required ProviderSecrets Secrets { get; init; }

    public required IReadOnlyList<ScenarioOrder> Orders { get; init; }

    /// <summary>Every user id that any order or notification names.</summary>
    public IReadOnlyList<string> Users =>
        Orders.SelectMany(o => o.Notifications.Select(n => n.Facts.UserId).Append(o.Registration?.UserId))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
