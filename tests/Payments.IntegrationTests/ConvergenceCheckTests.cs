using Payments.Contracts;
using Payments.Scenarios.Generation;
using Payments.Scenarios.Providers;
using Payments.Scenarios.Running;

namespace Payments.IntegrationTests;

/// <summary>
/// The pieces of the convergence property test that need no running system: the generator is reproducible and
/// sends only real provider lifecycles, and the comparison flags each kind of violation.
/// </summary>
public sealed class ConvergenceCheckTests
{
    private static readonly ProviderSecrets Secrets = ProviderSecrets.ForTests("game");

    [Fact]
    public void The_same_seed_generates_the_same_orders_and_another_seed_other_ones()
    {
        static string Shape(Scenario s) => string.Join("\n", s.Orders.Select(o => $"{o} {string.Join(",", o.Notifications.Select(n => n.Kind))}"));

        var options = new ScenarioOptions { Orders = 300 };
        Assert.Equal(Shape(ScenarioGenerator.Generate(7, options, Secrets)), Shape(ScenarioGenerator.Generate(7, options, Secrets)));
        Assert.NotEqual(Shape(ScenarioGenerator.Generate(7, options, Secrets)), Shape(ScenarioGenerator.Generate(8, options, Secrets)));
    }

    [Fact]
    public void Only_lifecycles_a_provider_really_sends_are_generated()
    {
        string[][] ruStore =
        [
            ["executed", "cancelled"], ["executed", "rejected"], ["executed", "expired"],
            ["executed", "paid", "confirmed"], ["executed", "paid", "confirmed", "refunded"], ["executed", "paid", "reversed"],
            ["executed", "confirmed"], ["executed", "confirmed", "refunded"],
        ];
        foreach (var order in ScenarioGenerator.Generate(11, new ScenarioOptions { Orders = 2000 }, Secrets).Orders)
        {
            var kinds = order.Notifications.Select(n => n.Kind[(n.Kind.IndexOf(':', StringComparison.Ordinal) + 1)..]).ToList();
            switch (order.Reference.Provider)
            {
                case PaymentProviders.RuStore:
                    Assert.Contains(ruStore, lifecycle => lifecycle.SequenceEqual(kinds));
                    break;
                case PaymentProviders.Xsolla:
                    var combined = order.Lifecycle.StartsWith("combined", StringComparison.Ordinal);
                    var core = kinds.Where(k => k != "partial_refund").ToList();
                    List<string> paid = combined ? ["order_paid"] : ["payment", "order_paid"];
                    List<string> refunded = combined ? ["order_paid", "order_canceled"] : ["payment", "order_paid", "refund", "order_canceled"];
                    Assert.True(core.SequenceEqual(paid) || core.SequenceEqual(refunded), order.ToString());
                    Assert.True(kinds.Count(k => k == "partial_refund") <= 1, order.ToString());
                    break;
                default:
                    Assert.Equal(["result"], kinds);
                    break;
            }

            // RuStore never names the user, RoboKassa never the items: without a registration neither can grant.
            var expectation = ExpectedEntitlements.Of(order);
            if (order.Registration is null && order.Reference.Provider != PaymentProviders.Xsolla)
            {
                Assert.NotEqual(ExpectedOutcome.Active, expectation.Outcome);
            }
        }
    }

    [Fact]
    public void The_comparison_accepts_exactly_the_expected_entitlements()
    {
        var (expectations, exact) = Expected();
        var verdict = ConvergenceVerdict.Compare(expectations, new EntitlementSnapshot(exact));
        Assert.True(verdict.Converged, string.Join("\n", verdict.Violations));
        Assert.Equal(exact.Count, verdict.ExpectedGrants);
    }

    [Fact]
    public void The_comparison_flags_a_missing_a_doubled_and_a_wrong_quantity_line()
    {
        var (expectations, exact) = Expected();
        var lost = ConvergenceVerdict.Compare(expectations, new EntitlementSnapshot(exact.Skip(1).ToList()));
        Assert.Equal(1, lost.Missing);
        Assert.Equal(1, lost.WrongUserTotals);

        var twice = ConvergenceVerdict.Compare(expectations, new EntitlementSnapshot([.. exact, exact[0]]));
        Assert.Equal(1, twice.Doubled);
        Assert.False(twice.Converged);

        var more = ConvergenceVerdict.Compare(expectations, new EntitlementSnapshot([exact[0] with { Quantity = exact[0].Quantity + 1 }, .. exact.Skip(1)]));
        Assert.Equal(1, more.Doubled);
    }

    [Fact]
    public void The_comparison_flags_a_grant_after_a_refund_another_user_and_a_sandbox_order_in_production()
    {
        var (expectations, exact) = Expected();
        var refunded = expectations.First(e => e.Outcome == ExpectedOutcome.Revoked);
        var afterRefund = ConvergenceVerdict.Compare(expectations, new EntitlementSnapshot(
            [.. exact, new ActualLine(refunded.Order.Reference.Environment, refunded.UserId ?? "someone", refunded.Order.OrderId, refunded.Items[0].Sku, refunded.Items[0].Quantity)]));
        Assert.Equal(1, afterRefund.GrantedAfterRefund);

        var wrongUser = ConvergenceVerdict.Compare(expectations, new EntitlementSnapshot([exact[0] with { UserId = "intruder" }, .. exact.Skip(1)]));
        Assert.Equal(1, wrongUser.Unexpected);
        Assert.Equal(1, wrongUser.Missing);

        var sandbox = expectations.First(e => e.Order.IsSandbox && e.Outcome == ExpectedOutcome.Active);
        var asProduction = (sandbox.Order.Reference with { Environment = PaymentEnvironments.Production }).ToOrderId();
        var leak = ConvergenceVerdict.Compare(expectations, new EntitlementSnapshot(
            [.. exact, new ActualLine(PaymentEnvironments.Production, sandbox.UserId!, asProduction, sandbox.Items[0].Sku, sandbox.Items[0].Quantity)]));
        Assert.Equal(1, leak.Unexpected);
        Assert.Equal(1, leak.SandboxInProduction);
    }

    private static (IReadOnlyList<OrderExpectation> Expectations, List<ActualLine> Exact) Expected()
    {
        var expectations = ExpectedEntitlements.Of(ScenarioGenerator.Generate(3, new ScenarioOptions { Orders = 400, SandboxShare = 0.1 }, Secrets).Orders);
        var exact = expectations.SelectMany(e => e.Grants).Select(g => new ActualLine(g.Environment, g.UserId, g.OrderId, g.Sku, g.Quantity)).ToList();
        return (expectations, exact);
    }
}
