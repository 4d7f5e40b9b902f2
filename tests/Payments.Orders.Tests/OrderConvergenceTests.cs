using Payments.Orders.Lifecycle;

namespace Payments.Orders.Tests;

/// <summary>
/// The invariant of docs/architecture.md#the-job-and-the-invariant on one order: for every lifecycle a provider can produce, every delivery order
/// (and a duplicate of every event) ends in the same status and the same net grant.
/// </summary>
public class OrderConvergenceTests
{
    public static TheoryData<string> Lifecycles => new()
    {
        "placed,started,authorized,paid",
        "placed,started,paid",
        "placed,started,paid,refunded",
        "placed,started,authorized,paid,refunded",
        "placed,started,authorized,reversed",
        "placed,started,failed",
        "placed,started,authorized,failed",
        "placed,paid",
        "placed,paid,refunded",
        "started,paid",
    };

    [Theory]
    [MemberData(nameof(Lifecycles))]
    public void Every_order_of_delivery_ends_the_same(string lifecycle)
    {
        var steps = lifecycle.Split(',');
        var expected = Run(steps, duplicate: false);

        foreach (var permutation in Permutations(steps))
        {
            Assert.Equal(expected, Run(permutation, duplicate: false));
            Assert.Equal(expected, Run(permutation, duplicate: true));
        }
    }

    private static (OrderStatus? Status, bool Active) Run(IReadOnlyList<string> steps, bool duplicate)
    {
        var scenario = new OrderScenario();
        foreach (var step in steps)
        {
            for (var copy = 0; copy < (duplicate ? 2 : 1); copy++)
            {
                if (step == "placed")
                {
                    scenario.Register(OrderScenario.Placed());
                }
                else
                {
                    scenario.Apply(OrderScenario.Fact(Enum.Parse<OrderStatus>(step == "authorized" ? "Authorized" : step, ignoreCase: true)));
                }
            }
        }

        var grants = scenario.Count(OrderOutcome.Grant) > 0;
        var revokes = scenario.Count(OrderOutcome.Revoke) > 0;
        return (scenario.Status, grants && !revokes);
    }

    private static IEnumerable<string[]> Permutations(string[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, index) => index != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
