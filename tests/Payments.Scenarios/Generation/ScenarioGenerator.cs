using System.Globalization;
using Payments.Contracts;
using Payments.Scenarios.Providers;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.RuStore;
using Payments.Simulator.Xsolla;

namespace Payments.Scenarios.Generation;

/// <summary>Tunes <see cref="ScenarioGenerator"/>; the defaults are what the property test and the 10,000-order command use.</summary>
public sealed record ScenarioOptions
{
    public int Orders { get; init; } = 500;

    /// <summary>Share of orders in the sandbox environment (they must never show in production entitlements).</summary>
    public double SandboxShare { get; init; } = 0.04;

    /// <summary>Share of orders whose user is drawn from a small shared pool (the rest get a user of their own).</summary>
    public double SharedUserShare { get; init; } = 0.45;
}

/// <summary>
/// Generates orders with random lifecycles across RuStore, Xsolla and RoboKassa from a seed. Only lifecycles a
/// provider really sends are produced:
/// <list type="bullet">
/// <item>RuStore: executed→(cancelled|rejected|expired) | executed→paid→(confirmed[→refunded] | reversed) |
/// executed→confirmed[→refunded]; RuStore names no user, so only a registration lets it grant.</item>
/// <item>Xsolla, separate mode: payment + order_paid [+ refund + order_canceled]; combined mode: order_paid (with
/// <c>billing</c>) [+ order_canceled (with <c>billing</c>)]; sometimes a partial_refund, which changes nothing.
/// Xsolla names user and items, so it grants without a registration.</item>
/// <item>RoboKassa: one ResultURL call; it names no items, so only a registration lets it grant.</item>
/// </list>
/// Registrations come before (and are awaited), concurrently with, after, or never. A registration that disagrees
/// with the provider's data (another user, other items, another amount) is only generated where the outcome does
/// not depend on delivery order: before the notifications (awaited), or for a provider that cannot grant without it.
/// </summary>
public static class ScenarioGenerator
{
    private static readonly string[] Skus = ["sword", "shield", "gems_100", "gems_500", "potion", "skin_gold", "battle_pass", "coins_1000"];
    private static readonly decimal[] Prices = [0.99m, 1.99m, 4.99m, 9.99m, 19.99m, 99.00m, 149.50m];
    private static readonly DateTimeOffset Epoch = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    public static Scenario Generate(int seed, ScenarioOptions options, ProviderSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Orders, 1);

        var random = new Random(seed);
        var tag = ((uint)seed).ToString("x8", CultureInfo.InvariantCulture);

        // Numeric ids (Xsolla invoices and orders, RoboKassa InvId) stay unique within a run; the seed spreads runs apart.
        var numericBase = (((uint)seed % 90_000) + 10_000) * 1_000_000L;
        var sharedUsers = Enumerable.Range(0, Math.Max(5, options.Orders / 8)).Select(k => $"s-{tag}-{k}").ToArray();
        var context = new Context(random, secrets, tag, numericBase, sharedUsers, options);

        var orders = new List<ScenarioOrder>(options.Orders);
        for (var i = 0; i < options.Orders; i++)
        {
            var provider = PaymentProviders.All[random.Next(PaymentProviders.All.Count)];
            var order = provider switch
            {
                PaymentProviders.RuStore => RuStore(context, i),
                PaymentProviders.Xsolla => Xsolla(context, i),
                _ => RoboKassa(context, i),
            };
            orders.Add(order);
        }

        return new Scenario { Seed = seed, Secrets = secrets, Orders = orders };
    }

    /// <summary>The lifecycle of <see cref="HotOrder"/>: every RuStore status that moves an order, a grant and its revocation.</summary>
    public static readonly IReadOnlyList<string> HotOrderLifecycle = ["executed", "paid", "confirmed", "refunded"];

    /// <summary>
    /// One production RuStore order, registered before its notifications, with the longest lifecycle RuStore sends
    /// (<see cref="HotOrderLifecycle"/>) and no deliberate conflict: the "hot order" that a fault run delivers many
    /// times at once over every Ingress replica, so that several Orders replicas apply its events at the same time.
    /// Its ids carry their own tag, apart from every order <see cref="Generate"/> makes.
    /// </summary>
    public static ScenarioOrder HotOrder(int seed, ProviderSecrets secrets, int index)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var options = new ScenarioOptions { Orders = 1, SandboxShare = 0, SharedUserShare = 0 };
        var tag = "hot" + ((uint)seed).ToString("x8", CultureInfo.InvariantCulture);
        var context = new Context(new Random(seed), secrets, tag, 0, [$"u-{tag}"], options);
        return RuStore(context, index, [.. HotOrderLifecycle], RegistrationTiming.Before);
    }

    private static ScenarioOrder RuStore(Context c, int index, string[]? lifecycle = null, RegistrationTiming? fixedTiming = null)
    {
        var r = c.Random;
        var environment = c.Environment();
        var sandbox = environment == PaymentEnvironments.Sandbox;
        var reference = Reference(PaymentProviders.RuStore, c.Secrets.Account, environment, $"rs-{c.Tag}-{index}");
        var product = Pick(r, Skus);
        var statuses = lifecycle ?? Pick(r, RuStoreLifecycles);
        var timing = fixedTiming ?? Timing(r, before: 0.45, concurrent: 0.20, after: 0.20);
        var user = c.User(index);

        // RuStore names no user and only one product, without a quantity: the registration is the only source of
        // the user and the quantity. A registration of another product than RuStore's is a mismatch that blocks the
        // grant for an operator (its product is the only check RuStore offers).
        var itemMismatch = lifecycle is null && r.NextDouble() < 0.06;
        List<OrderItem> items = itemMismatch
            ? Lines(r, Skus.First(s => s != product), 1)
            : [new OrderItem { Sku = product, Quantity = r.NextDouble() < 0.15 ? r.Next(2, 5) : 1 }];
        var registration = timing == RegistrationTiming.Never
            ? null
            : new OrderRegistration { UserId = user, Items = items, Amount = r.NextDouble() < 0.5 ? Money(Pick(r, Prices)) : null, Currency = "RUB" };
        var order = new ScenarioOrder
        {
            Index = index,
            Reference = reference,
            Lifecycle = string.Join("→", statuses),
            Timing = timing,
            Registration = registration,
            DeliberateDetailsConflict = registration is not null && itemMismatch,
        };

        var key = sandbox ? c.Secrets.RuStoreSandboxKey : c.Secrets.RuStoreKey;
        var previous = "created";
        for (var step = 0; step < statuses.Length; step++)
        {
            var changed = Epoch.AddSeconds(index).AddMinutes(step);
            var data = new RuStoreInvoiceStatus
            {
                InvoiceId = $"inv-{c.Tag}-{index}",
                OrderId = reference.ProviderOrderId,
                ProductCode = product,
                StatusNew = statuses[step],
                StatusOld = previous,
                ChangeStatusTime = RuStoreNotifications.Time(changed),
                PurchaseId = $"pur-{c.Tag}-{index}",
                PurchaseToken = $"tok-{c.Tag}-{index}",
            };
            var notificationId = $"{index + 1}{step:00}";
            order.Add(
                $"rustore:{statuses[step]}",
                new NotificationFacts(RuStoreEffect(statuses[step]), Items: [new OrderItem { Sku = product, Quantity = 1 }]),
                () => RuStoreNotifications.Notification(
                    c.Secrets.Account, key, RuStoreNotifications.InvoiceStatusPlaintext(data, sandbox), notificationId, changed.AddSeconds(1)));
            previous = statuses[step];
        }

        return order;
    }

    private static ScenarioOrder Xsolla(Context c, int index)
    {
        var r = c.Random;
        var environment = c.Environment();
        var combined = r.NextDouble() < 0.4;
        var refunded = r.NextDouble() < 0.2;
        var partiallyRefunded = r.NextDouble() < 0.1;
        var purchase = new XsollaPurchase
        {
            InvoiceId = (c.NumericBase + index).ToString(CultureInfo.InvariantCulture),
            OrderId = c.NumericBase + 500_000 + index,
            UserId = c.User(index),
            Items = Lines(r, Pick(r, Skus), r.Next(1, 4)),
            Amount = Pick(r, Prices),
            Sandbox = environment == PaymentEnvironments.Sandbox,
            PaymentDate = Epoch.AddSeconds(index),
        };
        var reference = Reference(PaymentProviders.Xsolla, c.Secrets.Account, environment, purchase.InvoiceId);
        var timing = Timing(r, before: 0.30, concurrent: 0.15, after: 0.15);

        // A registration that disagrees with Xsolla's own user, items or amount decides only if the saga saw it
        // first: Xsolla alone can already grant. So disagreement only where the registration is awaited first.
        var amountMismatch = timing == RegistrationTiming.Before && r.NextDouble() < 0.08;
        var detailsConflict = timing == RegistrationTiming.Before && !amountMismatch && r.NextDouble() < 0.08;
        var registration = timing == RegistrationTiming.Never
            ? null
            : new OrderRegistration
            {
                UserId = detailsConflict ? c.User(index + 1_000_000) : purchase.UserId,
                Items = detailsConflict ? Lines(r, Pick(r, Skus), 1) : purchase.Items,
                Amount = amountMismatch ? Money(purchase.Amount + 1.00m) : r.NextDouble() < 0.7 ? Money(purchase.Amount) : null,
                Currency = purchase.Currency,
            };

        var kinds = new List<string>();
        if (!combined)
        {
            kinds.Add("payment");
        }

        kinds.Add("order_paid");
        if (refunded)
        {
            if (!combined)
            {
                kinds.Add("refund");
            }

            kinds.Add("order_canceled");
        }

        if (partiallyRefunded)
        {
            kinds.Add("partial_refund");
        }

        var order = new ScenarioOrder
        {
            Index = index,
            Reference = reference,
            Lifecycle = (combined ? "combined: " : "separate: ") + string.Join("+", kinds),
            Timing = timing,
            Registration = registration,
            DeliberateAmountMismatch = amountMismatch,
            DeliberateDetailsConflict = detailsConflict,
        };

        var account = c.Secrets.Account;
        var secret = c.Secrets.XsollaSecret;
        var amount = Money(purchase.Amount);
        var statusStillPaid = r.NextDouble() < 0.5;
        foreach (var kind in kinds)
        {
            var effect = kind switch
            {
                XsollaWebhooks.Payment or XsollaWebhooks.OrderPaid => NotificationEffect.Succeeded,
                XsollaWebhooks.Refund or XsollaWebhooks.OrderCanceled => NotificationEffect.Refunded,
                _ => NotificationEffect.PartiallyRefunded,
            };

            // Built once: Xsolla resends the same bytes with the same signature.
            var request = XsollaWebhooks.Webhook(account, secret, kind, purchase, combined, statusStillPaid);
            order.Add($"xsolla:{kind}", new NotificationFacts(effect, purchase.UserId, purchase.Items, amount), () => request);
        }

        return order;
    }

    private static ScenarioOrder RoboKassa(Context c, int index)
    {
        var r = c.Random;
        var environment = c.Environment();
        var sandbox = environment == PaymentEnvironments.Sandbox;
        var invId = c.NumericBase + index;
        var reference = Reference(PaymentProviders.RoboKassa, c.Secrets.Account, environment, invId.ToString(CultureInfo.InvariantCulture));
        var timing = Timing(r, before: 0.45, concurrent: 0.20, after: 0.20);
        var price = Pick(r, Prices);
        var user = c.User(index);

        // RoboKassa names no items, so nothing is granted before the registration: a registration that disagrees
        // with it decides in any delivery order (a different Shp_user, a different amount).
        var amountMismatch = timing != RegistrationTiming.Never && r.NextDouble() < 0.05;
        var shpUser = r.NextDouble() switch
        {
            < 0.25 => null,
            < 0.30 => c.User(index + 2_000_000),
            _ => user,
        };
        var registration = timing == RegistrationTiming.Never
            ? null
            : new OrderRegistration
            {
                UserId = user,
                Items = Lines(r, Pick(r, Skus), r.Next(1, 3)),
                Amount = amountMismatch ? Money(price + 10m) : r.NextDouble() < 0.8 ? Money(price) : null,
                Currency = "RUB",
            };
        var order = new ScenarioOrder
        {
            Index = index,
            Reference = reference,
            Lifecycle = "result",
            Timing = timing,
            Registration = registration,
            DeliberateAmountMismatch = amountMismatch,
            DeliberateDetailsConflict = registration is not null && shpUser is not null && shpUser != user,
        };

        var payment = ScenarioRoboKassa.Payment(invId, price, shpUser, sandbox);
        var password = sandbox ? c.Secrets.RoboKassaTestPassword2 : c.Secrets.RoboKassaPassword2;
        var request = RoboKassaCalls.Result(c.Secrets.Account, payment, password, c.Secrets.RoboKassaHashAlgorithm);
        order.Add("robokassa:result", new NotificationFacts(NotificationEffect.Succeeded, shpUser, Amount: payment.OutSum), () => request);
        return order;
    }

    /// <summary>RuStore lifecycles (statuses in the order RuStore produces them), with their weights.</summary>
    private static readonly (string[] Statuses, int Weight)[] RuStoreLifecycleTable =
    [
        (["executed", "cancelled"], 8),
        (["executed", "rejected"], 4),
        (["executed", "expired"], 4),
        (["executed", "paid", "confirmed"], 18),
        (["executed", "paid", "confirmed", "refunded"], 7),
        (["executed", "paid", "reversed"], 7),
        (["executed", "confirmed"], 42),
        (["executed", "confirmed", "refunded"], 10),
    ];

    private static readonly string[][] RuStoreLifecycles =
        [.. RuStoreLifecycleTable.SelectMany(entry => Enumerable.Repeat(entry.Statuses, entry.Weight))];

    private static NotificationEffect RuStoreEffect(string status) => status switch
    {
        "executed" => NotificationEffect.Started,
        "paid" => NotificationEffect.Authorized,
        "confirmed" => NotificationEffect.Succeeded,
        "cancelled" or "rejected" or "expired" => NotificationEffect.Failed,
        "reversed" => NotificationEffect.Reversed,
        "refunded" => NotificationEffect.Refunded,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static RegistrationTiming Timing(Random random, double before, double concurrent, double after)
    {
        var roll = random.NextDouble();
        return roll < before ? RegistrationTiming.Before
            : roll < before + concurrent ? RegistrationTiming.Concurrent
            : roll < before + concurrent + after ? RegistrationTiming.After
            : RegistrationTiming.Never;
    }

    /// <summary><paramref name="count"/> distinct skus starting with <paramref name="first"/>, each 1–5 of it.</summary>
    private static List<OrderItem> Lines(Random random, string first, int count)
    {
        var skus = new List<string> { first };
        while (skus.Count < count)
        {
            var sku = Pick(random, Skus);
            if (!skus.Contains(sku))
            {
                skus.Add(sku);
            }
        }

        return [.. skus.Select(sku => new OrderItem { Sku = sku, Quantity = random.Next(1, 6) })];
    }

    private static OrderReference Reference(string provider, string account, string environment, string providerOrderId) =>
        new() { Provider = provider, Account = account, Environment = environment, ProviderOrderId = providerOrderId };

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private sealed record Context(Random Random, ProviderSecrets Secrets, string Tag, long NumericBase, string[] SharedUsers, ScenarioOptions Options)
    {
        public string Environment() => Random.NextDouble() < Options.SandboxShare ? PaymentEnvironments.Sandbox : PaymentEnvironments.Production;

        /// <summary>A user of this order alone, or one from the shared pool, so that per-user totals are checked too.</summary>
        public string User(int index) => Random.NextDouble() < Options.SharedUserShare ? Pick(Random, SharedUsers) : $"u-{Tag}-{index}";
    }
}
