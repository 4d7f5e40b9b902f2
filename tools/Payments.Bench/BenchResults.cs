using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Payments.Bench;

internal sealed record LevelFigures(double PerSecond, double P50, double P95, double P99, long Failed = 0);

/// <summary>One step of the capacity search: a rate held for the step's duration, and whether the pipeline kept up.</summary>
internal sealed record CapacityStep(int Rate, double E2eP99, long Lost, long Duplicated, bool Passed);

/// <summary>Every figure of one run; <see cref="ToTable"/> for people, <see cref="ToJson"/> for <c>--out</c>.</summary>
internal sealed class BenchResults
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Mode { get; set; } = "";
    public string Machine { get; set; } = "";
    public SortedDictionary<int, LevelFigures> RawPublish { get; } = [];
    public SortedDictionary<int, LevelFigures> Ingress { get; } = [];
    public double RawPublishPerSecond { get; set; } = double.NaN;
    public double IngressPerSecond { get; set; } = double.NaN;
    public int IngressBestConcurrency { get; set; }
    public Dictionary<string, double> IngressCpuPerRequestMs { get; set; } = [];
    public LevelFigures? IngressHalfLoad { get; set; }
    public double IngressP99AtHalfLoad { get; set; } = double.NaN;
    public LevelFigures? E2e { get; set; }
    public LevelFigures? E2eSustainable { get; set; }
    public string LoadAverageAtStart { get; set; } = "";
    public string LoadAverageAtEnd { get; set; } = "";
    public string ServiceEnvironment { get; set; } = "";
    public LevelFigures? E2eWebhook { get; set; }
    public double E2eP99 { get; set; } = double.NaN;
    public Dictionary<string, double> E2eCpuPerOrderMs { get; set; } = [];
    public double SagaEventsPerSecond { get; set; } = double.NaN;

    /// <summary>All CPU of the machine (services, broker, database, load generator, OS) per order of the 200 orders/s phase.</summary>
    public double CpuMsPerOrder { get; set; } = double.NaN;

    /// <summary>The highest rate of the step search at which the end-to-end p99 stayed under <see cref="CapacityP99LimitMs"/> (nothing lost).</summary>
    public double CapacityOrdersPerSecond { get; set; } = double.NaN;
    public List<CapacityStep> CapacitySteps { get; } = [];
    public LevelFigures? ColdWebhook { get; set; }
    public LevelFigures? ColdE2e { get; set; }
    public double ColdWebhookP99 => ColdWebhook?.P99 ?? double.NaN;
    public double ColdE2eP99 => ColdE2e?.P99 ?? double.NaN;
    public TimeSpan ColdRestart { get; set; }

    public const double CpuMsPerOrderTarget = 8;
    public const double CapacityTarget = 250;
    public const double CapacityP99LimitMs = 500;
    public const double ColdWebhookP99Target = 100;
    public const double ColdE2eP99Target = 1000;
    public Dictionary<string, double> SagaCpuPerEventMs { get; set; } = [];
    public Dictionary<string, double> RssMb { get; set; } = [];
    public double RssMbMax { get; set; } = double.NaN;
    public long ExpectedGrants { get; set; }
    public long ActualGrants { get; set; }
    public long Lost { get; set; } = -1;
    public long Duplicated { get; set; } = -1;
    public TimeSpan Elapsed { get; set; }

    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Payments benchmark ({Mode}), {Elapsed.TotalSeconds:0} s — {Machine}");
        text.AppendLine(c, $"load average (1/5/15 min) at start {LoadAverageAtStart}, at end {LoadAverageAtEnd}{(ServiceEnvironment.Length > 0 ? $"; services with {ServiceEnvironment}" : "")}");
        text.AppendLine();
        text.AppendLine(c, $"{"concurrency",12} {"raw publish/s",14} {"raw p99 ms",11} {"ingress/s",10} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"failed",7}");
        foreach (var level in Ingress.Keys.Union(RawPublish.Keys).Order())
        {
            var raw = RawPublish.GetValueOrDefault(level);
            var ingress = Ingress.GetValueOrDefault(level);
            text.AppendLine(c, $"{level,12} {raw?.PerSecond,14:0} {raw?.P99,11:0.0} {ingress?.PerSecond,10:0} {ingress?.P50,8:0.0} {ingress?.P95,8:0.0} {ingress?.P99,8:0.0} {ingress?.Failed,7}");
        }

        text.AppendLine();
        text.AppendLine(c, $"{"figure",-52} {"value",12}   {"target",-22} met");
        var ratio = IngressPerSecond / RawPublishPerSecond;
        Row(text, $"raw MassTransit publish+confirm /s (concurrency {IngressBestConcurrency})", RawPublishPerSecond, "0", "broker baseline", null);
        Row(text, $"Ingress notifications/s (best, concurrency {IngressBestConcurrency})", IngressPerSecond, "0", $"≥ 0.70 × raw ({0.7 * RawPublishPerSecond:0})", ratio >= 0.70);
        Row(text, "  Ingress / raw publish", ratio, "0.00", "≥ 0.70", ratio >= 0.70);
        Row(text, $"Ingress p99 ms at half load ({IngressHalfLoad?.PerSecond:0}/s, open loop)", IngressP99AtHalfLoad, "0.0", "< 50 ms", IngressP99AtHalfLoad < 50);
        Row(text, $"end-to-end p50 / p99 ms at {E2eSustainable?.PerSecond:0} orders/s", E2eSustainable?.P50 ?? double.NaN, "0.0", $"p99 {E2eSustainable?.P99:0.0} ms", null);
        Row(text, "end-to-end p50 ms (webhook answered → grant on bus)", E2e?.P50 ?? double.NaN, "0.0", "", null);
        Row(text, "end-to-end p95 ms", E2e?.P95 ?? double.NaN, "0.0", "", null);
        Row(text, "end-to-end p99 ms at 200 orders/s", E2eP99, "0.0", "< 500 ms", E2eP99 < 500);
        Row(text, "saga events applied /s", SagaEventsPerSecond, "0", "≥ 1,000", SagaEventsPerSecond >= 1000);
        Row(text, "CPU ms per order, all processes (200/s phase)", CpuMsPerOrder, "0.00", $"≤ {CpuMsPerOrderTarget:0} ms", CpuMsPerOrder <= CpuMsPerOrderTarget);
        Row(text, $"capacity orders/s (e2e p99 < {CapacityP99LimitMs:0} ms for 20 s)", CapacityOrdersPerSecond, "0", $"≥ {CapacityTarget:0}", CapacityOrdersPerSecond >= CapacityTarget);
        Row(text, $"cold start: webhook p99 ms (50/s, first 10 s)", ColdWebhookP99, "0.0", $"< {ColdWebhookP99Target:0} ms", ColdWebhookP99 < ColdWebhookP99Target);
        Row(text, $"cold start: end-to-end p99 ms (50/s, first 10 s)", ColdE2eP99, "0.0", $"< {ColdE2eP99Target:0} ms", ColdE2eP99 < ColdE2eP99Target);
        foreach (var (name, mb) in RssMb.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Row(text, $"peak resident MB (VmHWM), {name}", mb, "0", "< 200 MB", mb < 200);
        }

        Row(text, "grants expected / actual (end-to-end phase)", ExpectedGrants, "0", $"actual {ActualGrants}", ExpectedGrants == ActualGrants);
        Row(text, "lost", Lost, "0", "0", Lost == 0);
        Row(text, "duplicated", Duplicated, "0", "0", Duplicated == 0);
        if (CapacitySteps.Count > 0)
        {
            text.AppendLine(c, $"capacity steps: {string.Join(", ", CapacitySteps.Select(st => string.Create(c, $"{st.Rate}/s p99 {st.E2eP99:0} ms{(st.Lost > 0 ? $" lost {st.Lost}" : "")} {(st.Passed ? "ok" : "no")}")))}");
        }

        text.AppendLine();
        text.AppendLine("CPU per unit of work (ms; where the time goes on this machine):");
        text.AppendLine("  Ingress request: " + Describe(IngressCpuPerRequestMs));
        text.AppendLine("  end-to-end order: " + Describe(E2eCpuPerOrderMs));
        text.AppendLine("  saga event: " + Describe(SagaCpuPerEventMs));
        return text.ToString();
    }

    public string ToJson()
    {
        static object? Number(double value) => double.IsFinite(value) ? Math.Round(value, 2) : null;
        static Dictionary<string, object?> Level(LevelFigures? f) => f is null ? [] : new()
        {
            ["per_s"] = Number(f.PerSecond),
            ["p50_ms"] = Number(f.P50),
            ["p95_ms"] = Number(f.P95),
            ["p99_ms"] = Number(f.P99),
            ["failed"] = f.Failed,
        };
        var document = new Dictionary<string, object?>
        {
            ["mode"] = Mode,
            ["machine"] = Machine,
            ["elapsed_s"] = Number(Elapsed.TotalSeconds),
            ["raw_publish_per_s"] = Number(RawPublishPerSecond),
            ["ingress_per_s"] = Number(IngressPerSecond),
            ["ingress_best_concurrency"] = IngressBestConcurrency,
            ["ingress_to_raw_ratio"] = Number(IngressPerSecond / RawPublishPerSecond),
            ["ingress_p99_ms_at_half_load"] = Number(IngressP99AtHalfLoad),
            ["ingress_half_load"] = Level(IngressHalfLoad),
            ["e2e_p50_ms"] = Number(E2e?.P50 ?? double.NaN),
            ["e2e_p95_ms"] = Number(E2e?.P95 ?? double.NaN),
            ["e2e_p99_ms"] = Number(E2eP99),
            ["e2e_rate_per_s"] = 200,
            ["e2e_webhook"] = Level(E2eWebhook),
            ["e2e_sustainable"] = Level(E2eSustainable),
            ["load_average_start"] = LoadAverageAtStart,
            ["load_average_end"] = LoadAverageAtEnd,
            ["service_environment"] = ServiceEnvironment,
            ["saga_events_per_s"] = Number(SagaEventsPerSecond),
            ["cpu_ms_per_order"] = Number(CpuMsPerOrder),
            ["capacity_orders_per_s"] = Number(CapacityOrdersPerSecond),
            ["capacity_steps"] = CapacitySteps.Select(st => new Dictionary<string, object?>
            {
                ["rate_per_s"] = st.Rate,
                ["e2e_p99_ms"] = Number(st.E2eP99),
                ["lost"] = st.Lost,
                ["duplicated"] = st.Duplicated,
                ["passed"] = st.Passed,
            }).ToList(),
            ["cold_webhook_p99_ms"] = Number(ColdWebhookP99),
            ["cold_e2e_p99_ms"] = Number(ColdE2eP99),
            ["cold_webhook"] = Level(ColdWebhook),
            ["cold_e2e"] = Level(ColdE2e),
            ["cold_restart_s"] = Number(ColdRestart.TotalSeconds),
            ["rss_mb"] = RssMb.ToDictionary(p => p.Key, p => Number(p.Value)),
            ["rss_mb_max"] = Number(RssMbMax),
            ["expected_grants"] = ExpectedGrants,
            ["actual_grants"] = ActualGrants,
            ["lost"] = Lost,
            ["duplicated"] = Duplicated,
            ["raw_publish"] = RawPublish.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => Level(p.Value)),
            ["ingress"] = Ingress.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => Level(p.Value)),
            ["cpu_ms_per_ingress_request"] = IngressCpuPerRequestMs.ToDictionary(p => p.Key, p => Number(p.Value)),
            ["cpu_ms_per_e2e_order"] = E2eCpuPerOrderMs.ToDictionary(p => p.Key, p => Number(p.Value)),
            ["cpu_ms_per_saga_event"] = SagaCpuPerEventMs.ToDictionary(p => p.Key, p => Number(p.Value)),
            ["targets"] = new Dictionary<string, object>
            {
                ["ingress_to_raw_ratio_min"] = 0.70,
                ["ingress_p99_ms_at_half_load_max"] = 50,
                ["e2e_p99_ms_max"] = 500,
                ["saga_events_per_s_min"] = 1000,
                ["rss_mb_max"] = 200,
                ["cpu_ms_per_order_max"] = CpuMsPerOrderTarget,
                ["capacity_orders_per_s_min"] = CapacityTarget,
                ["cold_webhook_p99_ms_max"] = ColdWebhookP99Target,
                ["cold_e2e_p99_ms_max"] = ColdE2eP99Target,
            },
        };
        return JsonSerializer.Serialize(document, Indented);
    }

    private static void Row(StringBuilder text, string label, double value, string format, string target, bool? met) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{label,-52} {(double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a"),12}   {target,-22} {(met is null ? "" : met.Value ? "yes" : "NO")}");

    private static string Describe(Dictionary<string, double> perUnit) =>
        perUnit.Count == 0 ? "n/a" : string.Join(", ", perUnit.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.00}")));
}
