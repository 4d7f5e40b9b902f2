using Payments.Contracts;
using Payments.Scenarios.Generation;

namespace Payments.Scenarios.Running;

public enum ViolationKind
{
    /// <summary>An expected active (order, sku) line is not listed for its user (or with less than its quantity).</summary>
    Missing,

    /// <summary>An (order, sku) listed more than once, or with more than the expected quantity.</summary>
    Doubled,

    /// <summary>An active line of an order whose notification set holds a refund or reversal.</summary>
    GrantedAfterRefund,

    /// <summary>Any other active line: not expected at all, another user, the other environment, an unknown order.</summary>
    Unexpected,
}

public sealed record Violation(ViolationKind Kind, ScenarioOrder? Order, string Detail)
{
    public override string ToString() => $"{Kind}: {Detail}" + (Order is null ? "" : $" — order {Order}");
}

/// <summary>The comparison of one snapshot of actual entitlements with the expected function of the notification set.</summary>
public sealed class ConvergenceVerdict
{
    public required int ExpectedGrants { get; init; }
    public required int ExpectedActiveOrders { get; init; }
    public required int ActualGrants { get; init; }
    public required int ActualActiveOrders { get; init; }

    /// <summary>(environment, user, sku) whose summed quantity differs from the expected sum.</summary>
    public required int WrongUserTotals { get; init; }

    public required IReadOnlyList<Violation> Violations { get; init; }

    public int Missing => Count(ViolationKind.Missing);
    public int Doubled => Count(ViolationKind.Doubled);
    public int GrantedAfterRefund => Count(ViolationKind.GrantedAfterRefund);
    public int Unexpected => Count(ViolationKind.Unexpected);

    /// <summary>Unexpected lines of sandbox orders listed in production.</summary>
    public int SandboxInProduction => Violations.Count(v => v.Kind == ViolationKind.Unexpected && v.Order is { IsSandbox: true } && v.Detail.Contains("a sandbox order in production", StringComparison.Ordinal));

    public bool Converged => Violations.Count == 0 && WrongUserTotals == 0 && ActualGrants == ExpectedGrants;

    private int Count(ViolationKind kind) => Violations.Count(v => v.Kind == kind);

    public static ConvergenceVerdict Compare(IReadOnlyList<OrderExpectation> expectations, EntitlementSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        ArgumentNullException.ThrowIfNull(snapshot);
        var byOrder = expectations.ToDictionary(e => e.Order.OrderId);
        var mirrors = expectations.ToDictionary(e => (e.Order.Reference with { Environment = Other(e.Order.Reference.Environment) }).ToOrderId());
        var expected = expectations.SelectMany(e => e.Grants).ToDictionary(g => (g.OrderId, g.Sku));
        var violations = new List<Violation>();
        var matched = new HashSet<(Guid, string)>();

        foreach (var group in snapshot.Lines.GroupBy(l => (l.OrderId, l.Sku)))
        {
            var lines = group.ToList();
            if (!byOrder.TryGetValue(group.Key.OrderId, out var expectation))
            {
                // The order of the other environment: a sandbox payment taken for a real one, or the reverse.
                violations.Add(mirrors.TryGetValue(group.Key.OrderId, out var mirrored)
                    ? new Violation(ViolationKind.Unexpected, mirrored.Order,
                        $"{Describe(lines)} is active under the {Other(mirrored.Order.Reference.Environment)} order id of a {mirrored.Order.Reference.Environment} order"
                        + (mirrored.Order.IsSandbox ? " (a sandbox order in production)" : ""))
                    : new Violation(ViolationKind.Unexpected, null, $"{Describe(lines)}: no generated order has this id"));
                continue;
            }

            var order = expectation.Order;
            if (!expected.TryGetValue(group.Key, out var grant))
            {
                if (expectation.Outcome == ExpectedOutcome.Revoked)
                {
                    violations.Add(new Violation(ViolationKind.GrantedAfterRefund, order, $"{Describe(lines)} is active although the set holds a refund or reversal"));
                }
                else
                {
                    var where = order.IsSandbox && lines.Any(l => l.Environment == PaymentEnvironments.Production) ? "a sandbox order in production" : $"expected {expectation.Outcome}";
                    violations.Add(new Violation(ViolationKind.Unexpected, order, $"{Describe(lines)} is active: {where}"));
                }

                if (lines.Count > 1)
                {
                    violations.Add(new Violation(ViolationKind.Doubled, order, $"{Describe(lines)} is listed {lines.Count} times"));
                }

                continue;
            }

            var own = lines.Where(l => l.Environment == grant.Environment && l.UserId == grant.UserId).ToList();
            foreach (var other in lines.Except(own))
            {
                violations.Add(new Violation(ViolationKind.Unexpected, order,
                    $"{Describe([other])} is listed for {other.Environment}/{other.UserId}, expected {grant.Environment}/{grant.UserId}"
                    + (other.Environment == PaymentEnvironments.Production && order.IsSandbox ? " (a sandbox order in production)" : "")));
            }

            if (own.Count > 1 || lines.Count > 1 || own.Any(l => l.Quantity > grant.Quantity))
            {
                violations.Add(new Violation(ViolationKind.Doubled, order, $"{Describe(lines)}: expected once with quantity {grant.Quantity}"));
            }

            if (own.Count > 0)
            {
                matched.Add(group.Key);
                if (own.All(l => l.Quantity < grant.Quantity))
                {
                    violations.Add(new Violation(ViolationKind.Missing, order, $"{Describe(own)}: expected quantity {grant.Quantity}"));
                }
            }
        }

        foreach (var grant in expected.Values.Where(g => !matched.Contains((g.OrderId, g.Sku))))
        {
            violations.Add(new Violation(ViolationKind.Missing, byOrder[grant.OrderId].Order,
                $"{grant.Environment}/{grant.UserId} lacks {grant.Sku}×{grant.Quantity} of order {grant.OrderId}"));
        }

        var expectedTotals = expected.Values.GroupBy(g => (g.Environment, g.UserId, g.Sku)).ToDictionary(g => g.Key, g => g.Sum(x => x.Quantity));
        var actualTotals = snapshot.Lines.GroupBy(l => (l.Environment, l.UserId, l.Sku)).ToDictionary(g => g.Key, g => g.Sum(x => x.Quantity));
        var wrongTotals = expectedTotals.Keys.Union(actualTotals.Keys)
            .Count(key => expectedTotals.GetValueOrDefault(key) != actualTotals.GetValueOrDefault(key));

        return new ConvergenceVerdict
        {
            ExpectedGrants = expected.Count,
            ExpectedActiveOrders = expectations.Count(e => e.Outcome == ExpectedOutcome.Active),
            ActualGrants = snapshot.Lines.Count,
            ActualActiveOrders = snapshot.Lines.Select(l => l.OrderId).Distinct().Count(),
            WrongUserTotals = wrongTotals,
            Violations = violations,
        };
    }

    private static string Other(string environment) =>
        environment == PaymentEnvironments.Sandbox ? PaymentEnvironments.Production : PaymentEnvironments.Sandbox;

    private static string Describe(IEnumerable<ActualLine> lines) =>
        string.Join(", ", lines.Select(l => $"{l.Environment}/{l.UserId} {l.Sku}×{l.Quantity}"));
}
