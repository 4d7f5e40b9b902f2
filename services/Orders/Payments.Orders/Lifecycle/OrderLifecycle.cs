using System.Globalization;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Orders.Saga;

namespace Payments.Orders.Lifecycle;

/// <summary>
/// The order rules (docs/lifecycle.md) as plain code over <see cref="OrderState"/>: for each event it records what
/// happened, fills in the facts, and returns a <see cref="LifecycleDecision"/> — the status the order is in afterwards,
/// one disposition and the outcome to publish. It reads the order's status but never sets it: moving the saga is
/// <see cref="OrderStateMachine"/>'s job (<c>TransitionTo</c>). Unit tests exercise it without a bus.
/// </summary>
public static class OrderLifecycle
{
    public const string ApiSource = "api";

    /// <summary>
    /// Entries an order keeps. Applied entries (status moves, grant, revocation) are bounded by the lifecycle and
    /// always kept; beyond the cap, entries that moved nothing are only counted (<see cref="OrderState.TimelineFolded"/>).
    /// </summary>
    public const int TimelineCap = 100;

    public static OrderStatus? StatusOf(OrderState order) =>
        Enum.TryParse<OrderStatus>(order.CurrentState, out var status) ? status : null;

    public static LifecycleDecision Apply(OrderState order, PaymentFact fact, DateTimeOffset now)
    {
        Identify(order, fact.Order, now);
        var source = fact.Payment.SourceEventId;
        var before = StatusOf(order);
        if (Original(order, fact.EventName, source) is { } original)
        {
            Fold(order, original, fact.Payment.OccurredAt);
            return Decide(before, before, Disposition.Duplicate, Reemit(order, source), StillCurrent(order, original.StatusChange));
        }

        MergeProviderFacts(order, fact.Payment, source);
        if (fact.Target is OrderStatus.Started or OrderStatus.Authorized or OrderStatus.Paid)
        {
            CheckItems(order, fact.Payment.OccurredAt, source);
        }

        if (!OrderTransitions.Allows(before, fact.Target))
        {
            Record(order, fact.Payment.OccurredAt, fact.EventName, source, applied: false, OrderTransitions.Refusal(before!.Value, fact.Target));
            return Decide(before, before, Disposition.Ignored, Evaluate(order, before, source, now));
        }

        var target = fact.Target;
        if (target == OrderStatus.Paid)
        {
            order.PaidAt ??= fact.Payment.OccurredAt;
            order.PaidAmount ??= fact.Payment.Amount;
            order.Currency ??= fact.Payment.Currency;
            order.PaidCurrency ??= fact.Payment.Currency;
            CheckAmount(order, fact.Payment.OccurredAt, source);
        }

        var move = Move(order, before, target);
        Record(order, fact.Payment.OccurredAt, fact.EventName, source, applied: true, fact.Reason ?? fact.Payment.ProviderStatus, move);
        return Decide(before, target, Disposition.Applied, Evaluate(order, target, source, now), move);
    }

    /// <summary>An event that is recorded but moves nothing (a partial refund): the timeline keeps it for an operator.</summary>
    public static LifecycleDecision Note(OrderState order, OrderReference reference, PaymentDetails payment, string eventName, string reason, DateTimeOffset now)
    {
        Identify(order, reference, now);
        var before = StatusOf(order);
        if (Original(order, eventName, payment.SourceEventId) is { } original)
        {
            Fold(order, original, payment.OccurredAt);
            return Decide(before, before, Disposition.Duplicate, OrderOutcome.None);
        }

        Record(order, payment.OccurredAt, eventName, payment.SourceEventId, applied: false, reason);
        return Decide(before, before, Disposition.Noted, OrderOutcome.None);
    }

    public static LifecycleDecision Register(OrderState order, OrderPlaced placed, DateTimeOffset now)
    {
        Identify(order, placed.Order, now);
        var before = StatusOf(order);
        if (order.Registered)
        {
            var same = SameRegistration(order, placed);
            var original = same ? Original(order, TimelineEvents.OrderPlaced, ApiSource) : null;
            if (original is not null)
            {
                Fold(order, original, placed.PlacedAt);
            }
            else
            {
                Record(order, placed.PlacedAt, TimelineEvents.OrderPlaced, ApiSource, applied: false, "already registered with other details; the first registration stands");
            }

            return same
                ? Decide(before, before, Disposition.Duplicate, Reemit(order, ApiSource), StillCurrent(order, original?.StatusChange))
                : Decide(before, before, Disposition.Ignored, OrderOutcome.None);
        }

        // Once the items went to the provider's user, a registration that disagrees cannot take them back: the
        // grant stands and the disagreement is left for an operator, instead of the view claiming the new details.
        var winner = order.Granted ? "the granted details stand; operator review needed" : "the registered details win";
        if (order.UserId is not null && order.UserId != placed.UserId)
        {
            Record(order, placed.PlacedAt, TimelineEvents.UserConflict, ApiSource, applied: false, $"provider named user {order.UserId}, the registration {placed.UserId}; {winner}");
        }

        order.Registered = true;
        order.RegisteredUserId = placed.UserId;
        order.RegisteredItems = [.. placed.Items];
        if (!order.Granted)
        {
            order.UserId = placed.UserId;
            order.Items = [.. placed.Items];
        }

        order.RegisteredAmount = placed.Amount;
        order.RegisteredCurrency = placed.Currency;
        order.Currency = placed.Currency ?? order.Currency;
        var target = before ?? OrderStatus.Placed;
        var move = Move(order, before, target);
        Record(order, placed.PlacedAt, TimelineEvents.OrderPlaced, ApiSource, applied: true, null, move);
        CheckItems(order, placed.PlacedAt, ApiSource);
        CheckAmount(order, placed.PlacedAt, ApiSource);
        return Decide(before, target, Disposition.Applied, Evaluate(order, target, ApiSource, now), move);
    }

    /// <summary>
    /// An operator settles a blocked order: grant the registered items, grant what the provider says was bought, or
    /// cancel (never grant; the refund is the operator's to make with the provider). Recorded with who asked. The same
    /// request again is a duplicate (its grant is re-emitted); anything else on an order that is not blocked is refused.
    /// </summary>
    public static LifecycleDecision Resolve(OrderState order, OrderResolutionRequested request, DateTimeOffset now)
    {
        Identify(order, request.Order, now);
        var before = StatusOf(order);
        var source = $"resolve:{request.Action}";
        if (Original(order, TimelineEvents.OrderResolved, source) is { } original)
        {
            Fold(order, original, request.RequestedAt);
            return Decide(before, before, Disposition.Duplicate, Reemit(order, source));
        }

        if (!Blocked(order) || !OrderResolutionRequested.Actions.Contains(request.Action))
        {
            var why = order.Resolution is { } done ? $"already resolved as {done}" : "nothing to resolve: the grant is not blocked";
            Record(order, request.RequestedAt, TimelineEvents.OrderResolved, source, applied: false, $"{why} (asked by {request.RequestedBy})");
            return Decide(before, before, Disposition.Ignored, OrderOutcome.None);
        }

        order.Resolution = request.Action;
        if (!order.Granted)
        {
            switch (request.Action)
            {
                case OrderResolutionRequested.GrantAsRegistered:
                    order.UserId = RegisteredUser(order);
                    order.Items = [.. RegisteredItems(order)];
                    break;
                case OrderResolutionRequested.GrantAsPaid when order.ProviderItems.Count > 0:
                    order.Items = [.. order.ProviderItems];
                    break;
            }
        }

        Record(order, request.RequestedAt, TimelineEvents.OrderResolved, source, applied: true, $"{request.Action} (asked by {request.RequestedBy})");
        var status = before ?? OrderStatus.Placed;
        return Decide(before, status, Disposition.Applied, Evaluate(order, status, source, now));
    }

    /// <summary>
    /// The decision for an event; an event that moves nothing on an order no event created yet leaves it placed
    /// (any event may create the order).
    /// </summary>
    private static LifecycleDecision Decide(OrderStatus? before, OrderStatus? target, Disposition disposition, OrderOutcome outcome, StatusChange? move = null) =>
        new() { Previous = before, Target = target ?? OrderStatus.Placed, Disposition = disposition, Outcome = outcome, Move = move };

    /// <summary>
    /// Whether <paramref name="placed"/> repeats the registration that stands: same user, same items (in any order),
    /// same amount (as a number: "100.0" is "100.00") and, when it names one, the same currency. Anything else is
    /// another registration, refused (409) while the first stands.
    /// </summary>
    public static bool SameRegistration(OrderState order, OrderPlaced placed) =>
        order.Registered
        && RegisteredUser(order) == placed.UserId
        && ItemsAgree(RegisteredItems(order), placed.Items, quantitiesStated: true)
        && SameAmount(order.RegisteredAmount, placed.Amount)
        && (placed.Currency is null || placed.Currency == order.Currency);

    /// <summary>The registered user; rows from before it was kept apart hold it in <see cref="OrderState.UserId"/>.</summary>
    public static string? RegisteredUser(OrderState order) => order.RegisteredUserId ?? order.UserId;

    public static IReadOnlyList<OrderItem> RegisteredItems(OrderState order) => order.RegisteredItems.Count > 0 ? order.RegisteredItems : order.Items;

    private static bool SameAmount(string? registered, string? placed) =>
        registered == placed || (TryParse(registered, out var a) && TryParse(placed, out var b) && a == b);

    /// <summary>Paid, but the user or the items are not known yet: the grant waits for them.</summary>
    public static bool AwaitingDetails(OrderState order) =>
        StatusOf(order) == OrderStatus.Paid && !order.Granted && (order.UserId is null || order.Items.Count == 0);

    private static void Identify(OrderState order, OrderReference reference, DateTimeOffset now)
    {
        if (order.CreatedAt == default)
        {
            order.CreatedAt = now;
            order.Provider = reference.Provider;
            order.Account = reference.Account;
            order.Environment = reference.Environment;
            order.ProviderOrderId = reference.ProviderOrderId;
        }

        order.UpdatedAt = now;
    }

    /// <summary>The first record of this event from this source, when the order has seen it before.</summary>
    /// <remarks>Rows written before duplicates were folded hold them as entries of their own, reason "duplicate".</remarks>
    private static TimelineEntry? Original(OrderState order, string eventName, string source) =>
        order.Timeline.Find(entry => entry.Event == eventName && entry.Source == source && entry.Reason != "duplicate");

    /// <summary>One more of <paramref name="entry"/>: counted on it, not appended.</summary>
    private static void Fold(OrderState order, TimelineEntry entry, DateTimeOffset at)
    {
        var index = order.Timeline.IndexOf(entry);
        order.Timeline[index] = entry with { Duplicates = entry.Duplicates + 1, LastDuplicateAt = at };
    }

    /// <summary>
    /// A move is announced again only while the order is still where it took it: once a later event moved the order
    /// on (and announced that), repeating the older move would show observers the order going backwards.
    /// </summary>
    private static StatusChange? StillCurrent(OrderState order, StatusChange? change) =>
        change is not null && StatusOf(order) is { } now && OrderTransitions.Lower(now) == change.To ? change : null;

    /// <summary>The move from <paramref name="before"/> to <paramref name="after"/>, stamped as <c>OrderStatusChanged</c> is (the order's update time).</summary>
    private static StatusChange? Move(OrderState order, OrderStatus? before, OrderStatus? after) =>
        after is { } to && to != before
            ? new StatusChange(before is { } from ? OrderTransitions.Lower(from) : null, OrderTransitions.Lower(to), order.UpdatedAt)
            : null;

    private static OrderOutcome Reemit(OrderState order, string source) =>
        order.Revoked && order.RevokeTrigger == source ? OrderOutcome.Revoke
        : order.Granted && order.GrantTrigger == source ? OrderOutcome.Grant
        : OrderOutcome.None;

    /// <summary>Provider user and items fill gaps; where the order was registered, the registration wins.</summary>
    private static void MergeProviderFacts(OrderState order, PaymentDetails payment, string source)
    {
        if (payment.UserId is { Length: > 0 } user && order.UserId != user)
        {
            if (order.UserId is null)
            {
                order.UserId = user;
            }
            else
            {
                Record(order, payment.OccurredAt, TimelineEvents.UserConflict, source, applied: false, $"provider named user {user}; {order.UserId} stands");
            }
        }

        if (payment.Items is { Count: > 0 } items)
        {
            if (order.ProviderItems.Count == 0)
            {
                order.ProviderItems = [.. items];
                order.ProviderQuantitiesStated = payment.QuantitiesStated;
            }

            if (order.Items.Count == 0)
            {
                order.Items = [.. items];
            }
            else if (!order.Registered && !order.Items.SequenceEqual(items))
            {
                Record(order, payment.OccurredAt, TimelineEvents.ItemsConflict, source, applied: false, "provider items differ; the known items stand");
            }
        }
    }

    /// <summary>A paid amount or currency that differs from the registered one blocks the grant for an operator.</summary>
    private static void CheckAmount(OrderState order, DateTimeOffset at, string source)
    {
        if (order.AmountMismatch || order.Resolution is not null)
        {
            return;
        }

        var currencyDiffers = order.RegisteredCurrency is { } registeredCurrency && order.PaidCurrency is { } paidCurrency
            && !string.Equals(registeredCurrency, paidCurrency, StringComparison.Ordinal);
        var amountDiffers = TryParse(order.RegisteredAmount, out var registered) && TryParse(order.PaidAmount, out var paid) && registered != paid;
        if (currencyDiffers || amountDiffers)
        {
            order.AmountMismatch = true;
            Record(
                order, at, TimelineEvents.AmountMismatch, source, applied: false,
                $"paid {Money(order.PaidAmount, order.PaidCurrency)} but registered {Money(order.RegisteredAmount, order.RegisteredCurrency)}; {Consequence(order)}");
        }

        static string Money(string? amount, string? currency) => string.Join(' ', new[] { amount ?? "(no amount)", currency }.OfType<string>());
    }

    /// <summary>
    /// What the provider says was bought must be what was registered: the same skus, and the same quantities when
    /// the provider states them. Otherwise the grant is blocked for an operator (RuStore sends no amount, so its
    /// product is the only check it offers).
    /// </summary>
    private static void CheckItems(OrderState order, DateTimeOffset at, string source)
    {
        if (order.ItemMismatch || order.Resolution is not null || !order.Registered || order.ProviderItems.Count == 0)
        {
            return;
        }

        var registered = RegisteredItems(order);
        if (!ItemsAgree(registered, order.ProviderItems, order.ProviderQuantitiesStated))
        {
            order.ItemMismatch = true;
            Record(order, at, TimelineEvents.ItemsMismatch, source, applied: false, $"provider says {Describe(order.ProviderItems, order.ProviderQuantitiesStated)}, registered {Describe(registered, true)}; {Consequence(order)}");
        }
    }

    private static bool ItemsAgree(IReadOnlyList<OrderItem> registered, IReadOnlyList<OrderItem> provider, bool quantitiesStated)
    {
        var skus = registered.Select(i => i.Sku).Order(StringComparer.Ordinal).Distinct().SequenceEqual(provider.Select(i => i.Sku).Order(StringComparer.Ordinal).Distinct());
        return skus && (!quantitiesStated || registered.OrderBy(i => i.Sku, StringComparer.Ordinal).SequenceEqual(provider.OrderBy(i => i.Sku, StringComparer.Ordinal)));
    }

    private static string Describe(IEnumerable<OrderItem> items, bool quantities) =>
        string.Join(", ", items.Select(i => quantities ? $"{i.Sku} × {i.Quantity}" : i.Sku));

    private static string Consequence(OrderState order) =>
        order.Granted ? "the items were already granted; operator review needed" : "grant blocked for an operator (POST …/resolve)";

    /// <summary>A mismatch holds the grant until an operator resolves it; a cancelled order is never granted.</summary>
    public static bool Blocked(OrderState order) => (order.AmountMismatch || order.ItemMismatch) && order.Resolution is null;

    /// <param name="status">The status the order is in after the event (the state machine moves it there).</param>
    private static OrderOutcome Evaluate(OrderState order, OrderStatus? status, string source, DateTimeOffset now)
    {
        if (status == OrderStatus.Paid && !order.Granted && !Blocked(order) && order.Resolution != OrderResolutionRequested.Cancel
            && order.UserId is not null && order.Items.Count > 0)
        {
            order.Granted = true;
            order.GrantTrigger = source;
            Record(order, now, TimelineEvents.OrderGranted, source, applied: true, null);
            return OrderOutcome.Grant;
        }

        if (status is OrderStatus.Refunded or OrderStatus.Reversed && order.Granted && !order.Revoked)
        {
            order.Revoked = true;
            order.RevokeTrigger = source;
            Record(order, now, TimelineEvents.OrderRevoked, source, applied: true, OrderTransitions.Lower(status.Value));
            return OrderOutcome.Revoke;
        }

        return OrderOutcome.None;
    }

    private static bool TryParse(string? amount, out decimal value) =>
        decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// Appends an entry. One that moved nothing and repeats an earlier one (same event, source and reason) is
    /// counted on it instead; past <see cref="TimelineCap"/> such entries are only counted.
    /// </summary>
    private static void Record(OrderState order, DateTimeOffset at, string eventName, string source, bool applied, string? reason, StatusChange? statusChange = null)
    {
        if (!applied)
        {
            if (order.Timeline.Find(e => !e.Applied && e.Event == eventName && e.Source == source && e.Reason == reason) is { } same)
            {
                Fold(order, same, at);
                return;
            }

            if (order.Timeline.Count >= TimelineCap)
            {
                order.TimelineFolded++;
                return;
            }
        }

        order.Timeline.Add(new TimelineEntry { At = at, Event = eventName, Source = source, Applied = applied, Reason = reason, StatusChange = statusChange });
    }
}
