using System.Globalization;
using System.Text;
using Payments.Scenarios.Generation;

namespace Payments.Scenarios.Running;

/// <summary>Everything one run counted, and the verdict; <see cref="ToTable"/> prints it.</summary>
public sealed class ConvergenceReport
{
    public required Scenario Scenario { get; init; }
    public required IReadOnlyList<OrderExpectation> Expectations { get; init; }
    public required DeliveryStats Stats { get; init; }
    public required ConvergenceVerdict Verdict { get; init; }

    /// <summary>Two snapshots a quiet period apart were equal before the verdict was taken.</summary>
    public required bool Quiescent { get; init; }

    /// <summary>The order API's view of the first orders a violation names.</summary>
    public required IReadOnlyList<string> OrderDiagnostics { get; init; }

    public required int Concurrency { get; init; }
    public required TimeSpan RegistrationTime { get; init; }
    public required TimeSpan DeliveryTime { get; init; }
    public required TimeSpan QuiescenceTime { get; init; }
    public required TimeSpan TotalTime { get; init; }

    public int Notifications => Scenario.Orders.Sum(o => o.Notifications.Count);

    public int Registrations => Scenario.Orders.Count(o => o.Registration is not null);

    /// <summary>Deliveries beyond the first of each notification.</summary>
    public long DuplicateDeliveries => Stats.NotificationDeliveries - Notifications;

    public int UnexpectedAnswers => Stats.UnexpectedAnswers.Count;

    /// <summary>No violation of the property, no unexpected answer, the same number of grants as expected.</summary>
    public bool Passed => Verdict.Converged && UnexpectedAnswers == 0;

    public string ToTable()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Convergence run: seed {Scenario.Seed}, {Scenario.Orders.Count} orders, {Scenario.Users.Count} users, concurrency {Concurrency}");
        text.AppendLine();

        text.AppendLine($"{"orders by provider / environment / lifecycle",-74} {"count",6} {"active",8} {"revoked",8} {"unpaid",7} {"awaiting",9} {"mismatch",9} {"items",6}");
        foreach (var group in Expectations
                     .GroupBy(e => (e.Order.Reference.Provider, e.Order.Reference.Environment, e.Order.Lifecycle))
                     .OrderBy(g => g.Key.Provider, StringComparer.Ordinal).ThenBy(g => g.Key.Environment, StringComparer.Ordinal).ThenBy(g => g.Key.Lifecycle, StringComparer.Ordinal))
        {
            var label = $"{group.Key.Provider} / {group.Key.Environment} / {group.Key.Lifecycle}";
            text.AppendLine(c, $"  {label,-72} {group.Count(),6} {Count(group, ExpectedOutcome.Active),8} {Count(group, ExpectedOutcome.Revoked),8} {Count(group, ExpectedOutcome.NotPaid),7} {Count(group, ExpectedOutcome.AwaitingDetails),9} {Count(group, ExpectedOutcome.AmountMismatch),9} {Count(group, ExpectedOutcome.ItemMismatch),6}");
        }

        text.AppendLine();
        text.AppendLine($"{"orders by registration",-74} {"count",6}");
        foreach (var group in Expectations.GroupBy(e => (e.Order.Reference.Provider, e.Order.Timing)).OrderBy(g => g.Key.Provider, StringComparer.Ordinal).ThenBy(g => g.Key.Timing))
        {
            text.AppendLine(c, $"  {$"{group.Key.Provider} registered {group.Key.Timing.ToString().ToLowerInvariant()}",-72} {group.Count(),6}");
        }

        text.AppendLine(c, $"  {"deliberate amount mismatches",-72} {Scenario.Orders.Count(o => o.DeliberateAmountMismatch),6}");
        text.AppendLine(c, $"  {"registration disagreeing with provider user/items",-72} {Scenario.Orders.Count(o => o.DeliberateDetailsConflict),6}");
        text.AppendLine();

        Row(text, "notifications (distinct)", Notifications);
        Row(text, "notification deliveries (incl. duplicates)", Stats.NotificationDeliveries);
        Row(text, "  of which duplicates", DuplicateDeliveries);
        Row(text, "registrations (distinct)", Registrations);
        Row(text, "registration requests (incl. duplicates)", Stats.RegistrationDeliveries);
        Row(text, "503 answers, re-queued (provider retries)", Stats.ServiceUnavailable);
        Row(text, "no answer, re-queued", Stats.TransportRetries);
        Row(text, "unexpected answers", UnexpectedAnswers);
        text.AppendLine();
        Row(text, "expected active orders", Verdict.ExpectedActiveOrders);
        Row(text, "actual active orders", Verdict.ActualActiveOrders);
        Row(text, "expected grants (order, sku lines)", Verdict.ExpectedGrants);
        Row(text, "actual grants (order, sku lines)", Verdict.ActualGrants);
        Row(text, "missing (lost)", Verdict.Missing);
        Row(text, "doubled", Verdict.Doubled);
        Row(text, "granted after refund/reversal", Verdict.GrantedAfterRefund);
        Row(text, "unexpected grants", Verdict.Unexpected);
        Row(text, "  of which sandbox in production", Verdict.SandboxInProduction);
        Row(text, "users with a wrong per-sku total", Verdict.WrongUserTotals);
        text.AppendLine(c, $"  {"quiescent before the verdict",-50} {(Quiescent ? "yes" : "NO"),12}");
        text.AppendLine();
        text.AppendLine(c, $"  {"registration (before) + wait",-50} {Seconds(RegistrationTime),12}");
        text.AppendLine(c, $"  {"delivery (all notifications and registrations)",-50} {Seconds(DeliveryTime),12}");
        text.AppendLine(c, $"  {"quiescence + comparison",-50} {Seconds(QuiescenceTime),12}");
        text.AppendLine(c, $"  {"elapsed",-50} {Seconds(TotalTime),12}");
        text.AppendLine(c, $"  {"delivery throughput",-50} {(Stats.NotificationDeliveries + Stats.RegistrationDeliveries) / Math.Max(0.001, DeliveryTime.TotalSeconds),8:0.0} req/s");
        text.AppendLine();
        text.AppendLine(Passed ? "RESULT: converged — the entitlements equal the expected function of the notification set" : "RESULT: VIOLATED");
        return text.ToString();
    }

    /// <summary>The violations and unexpected answers (first ones), with the order API's view of the orders involved.</summary>
    public string Details(int limit = 25)
    {
        var text = new StringBuilder();
        foreach (var answer in Stats.UnexpectedAnswers.Take(limit))
        {
            text.AppendLine("unexpected answer: " + answer);
        }

        foreach (var violation in Verdict.Violations.Take(limit))
        {
            text.AppendLine(violation.ToString());
        }

        if (Verdict.Violations.Count > limit)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"… and {Verdict.Violations.Count - limit} more violations");
        }

        foreach (var description in OrderDiagnostics)
        {
            text.AppendLine(description);
        }

        return text.ToString();
    }

    private static int Count(IEnumerable<OrderExpectation> expectations, ExpectedOutcome outcome) => expectations.Count(e => e.Outcome == outcome);

    private static void Row(StringBuilder text, string label, long value) => text.AppendLine(CultureInfo.InvariantCulture, $"  {label,-50} {value,12}");

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture);
}
