using Payments.Contracts;

namespace Payments.Cli.Scenarios;

/// <summary>The lifecycles <c>payments scenario</c> can play (docs/lifecycle.md: the final state depends only on the set of events).</summary>
internal static class ScenarioCatalog
{
    private static readonly ScenarioStep Place = ScenarioStep.Place;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("rustore-pay", PaymentProviders.RuStore, "place → executed → confirmed: paid and granted",
            [Place, new("executed"), new("confirmed")], new("paid", Granted: true, Revoked: false)),
        new("rustore-hold", PaymentProviders.RuStore, "place → executed → paid (hold) → confirmed: granted only on confirmation",
            [Place, new("executed"), new("paid"), new("confirmed")], new("paid", Granted: true, Revoked: false)),
        new("rustore-cancel", PaymentProviders.RuStore, "place → executed → cancelled: failed, nothing granted",
            [Place, new("executed"), new("cancelled")], new("failed", Granted: false, Revoked: false)),
        new("rustore-reversed", PaymentProviders.RuStore, "place → executed → paid (hold) → reversed: the hold is released, nothing granted",
            [Place, new("executed"), new("paid"), new("reversed")], new("reversed", Granted: false, Revoked: false)),
        new("rustore-refund", PaymentProviders.RuStore, "place → executed → confirmed → refunded: granted, then revoked",
            [Place, new("executed"), new("confirmed"), new("refunded")], new("refunded", Granted: true, Revoked: true)),
        new("rustore-duplicates", PaymentProviders.RuStore, "place → confirmed ×3 (provider retries, each re-encrypted): granted once, duplicates recorded",
            [Place, new("confirmed", 3)], new("paid", Granted: true, Revoked: false)),
        new("reordered", PaymentProviders.RuStore, "refunded → confirmed → executed → place: the refund came first, so nothing is ever granted",
            [new("refunded"), new("confirmed"), new("executed"), Place], new("refunded", Granted: false, Revoked: false)),
        new("xsolla-pay", PaymentProviders.Xsolla, "payment → order_paid (no registration: Xsolla names the user and items): granted once",
            [new("payment"), new("order_paid")], new("paid", Granted: true, Revoked: false)),
        new("xsolla-refund", PaymentProviders.Xsolla, "payment → order_paid → refund → order_canceled: granted, then revoked",
            [new("payment"), new("order_paid"), new("refund"), new("order_canceled")], new("refunded", Granted: true, Revoked: true)),
        new("xsolla-duplicates", PaymentProviders.Xsolla, "payment ×3 → order_paid ×2 (resends of the same signed body): granted once",
            [new("payment", 3), new("order_paid", 2)], new("paid", Granted: true, Revoked: false)),
        new("robokassa-pay", PaymentProviders.RoboKassa, "place (with amount) → ResultURL: paid and granted, answered OK{InvId}",
            [Place, new("result")], new("paid", Granted: true, Revoked: false)),
        new("robokassa-duplicates", PaymentProviders.RoboKassa, "place → ResultURL ×3: answered OK{InvId} every time, granted once",
            [Place, new("result", 3)], new("paid", Granted: true, Revoked: false)),
    ];

    public static string[] Names => [.. All.Select(s => s.Name)];

    public static Scenario Get(string name) => All.Single(s => s.Name == name);
}
