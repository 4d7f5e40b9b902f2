using System.Net;
using Payments.IntegrationTests.Telemetry;
using Payments.Scenarios.Running;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>
/// The four services as separate processes over RabbitMQ and PostgreSQL, each exporting with the real OTLP
/// exporter — configured only by the standard <c>OTEL_*</c> variables — to a collector the test hosts.
/// </summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class DistributedTraceTests(InfrastructureFixture infrastructure)
{
    private const string Ingress = "Payments.Ingress.Host";
    private const string Normalizer = "Payments.Normalizer.Host";
    private const string Orders = "Payments.Orders.Host";
    private const string Entitlements = "Payments.Entitlements.Host";
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_RuStore_payment_is_one_trace_from_the_provider_request_through_the_databases_to_the_grant_and_moves_the_counters()
    {
        await using var collector = OtlpReceiver.Start();
        await using var system = await DistributedSystem.StartAsync(infrastructure, collector.ExporterSettings());

        await PaymentPath.PlaceOrderAsync(new Uri(system.Orders.Url), DistributedSystem.Account, "order-traced", "user-traced", "bow");
        // The provider's request claims a trace of its own choosing (sampled): it may be linked to, never joined.
        const string callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736", callerSpan = "00f067aa0ba902b7";
        var answer = await PaymentPath.SendRuStoreAsync(
            new Uri(system.Ingress.Url), DistributedSystem.Account, DistributedSystem.RuStoreKey, "order-traced", "confirmed", "bow", traceparent: $"00-{callerTrace}-{callerSpan}-01");
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"Ingress answered {answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{system.Output()}");
        await PaymentPath.WaitForEntitlementAsync(new Uri(system.Entitlements.Url), "user-traced", "bow", system.Output);

        // The grant's consume span, followed parent by parent, leads back to the provider's request in Ingress.
        await collector.WaitUntilAsync(c => GrantChain(c.Spans) is not null, ExportWait, () => Describe(collector) + "\n" + system.Output());
        var chain = GrantChain(collector.Spans)!;
        var traceId = chain[0].TraceId;
        var trace = collector.Spans.Where(s => s.TraceId == traceId).ToList();
        var why = $"\nthe webhook's trace:\n{string.Join('\n', trace)}\nits chain:\n{string.Join('\n', chain)}\n{Describe(collector)}";

        var request = chain[0];
        Assert.True(request is { Service: Ingress, Kind: ExportedSpan.Server, Name: "POST /webhooks/rustore/{account}" }, "the root is the provider's request" + why);
        Assert.Equal("200", request.Attributes.GetValueOrDefault("http.response.status_code"));
        Assert.Equal("/webhooks/rustore/{account}", request.Attributes.GetValueOrDefault("http.route"));
        Assert.True(request.Scope == "Microsoft.AspNetCore", "the server span comes from ASP.NET Core's instrumentation" + why);
        Assert.True(traceId != callerTrace, "the caller chose the trace id of our internal trace" + why);
        Assert.Equal([$"{callerTrace}/{callerSpan}"], request.Links);
        Assert.All(trace.Where(s => s.Kind == ExportedSpan.Server), server => Assert.False(
            server.Attributes.Keys.Any(k => k is "url.path" or "url.query" or "url.full"),
            $"a server span carries the raw path or query: {server}"));
        Assert.True(chain[1] is { Service: Ingress, Scope: "Payments", Name: "rustore webhook" }, "the handler's span is a child of the request" + why);
        Assert.All(chain, span => Assert.Equal(traceId, span.TraceId));
        Assert.Equal([Ingress, Normalizer, Orders, Entitlements], chain.Select(s => s.Service).Distinct());

        // Ingress's publish, and the saga's and the ledger's database commands, are spans of that trace too.
        Assert.True(trace.Exists(s => s is { Service: Ingress, Scope: "MassTransit", Kind: ExportedSpan.Producer }), "the Ingress publish" + why);
        Assert.True(trace.Exists(s => IsDatabase(s, Orders)), "a database span of the saga" + why);
        Assert.True(trace.Exists(s => IsDatabase(s, Entitlements)), "a database span of the ledger" + why);

        // Each service's consume of the payment is in that one trace.
        Assert.True(trace.Exists(s => IsConsume(s, Normalizer, "RuStoreInvoiceStatusReceived")), "the Normalizer's consume" + why);
        Assert.True(trace.Exists(s => IsConsume(s, Orders, "PaymentSucceeded")), "the order saga's consume" + why);
        Assert.True(trace.Exists(s => IsConsume(s, Entitlements, "OrderPaid")), "the grant's consume" + why);

        // POST /orders is a trace of its own; health probes are not recorded at all.
        Assert.Contains(collector.Spans, s => s is { Service: Orders, Kind: ExportedSpan.Server, Name: "POST /orders" } && s.TraceId != traceId);
        Assert.DoesNotContain(collector.Spans, s => s.Kind == ExportedSpan.Server && (s.Name.Contains("/health", StringComparison.Ordinal) || s.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)));
        Assert.Empty(collector.Errors);

        // The counters reach the collector too (cumulative sums, exported every 500 ms).
        await collector.WaitUntilAsync(
            c => Counted(c, Ingress, "payments.ingress.accepted", ("provider", "rustore"), ("reason", "invoice_status"))
                && Counted(c, Orders, "payments.orders.transitions", ("provider", "rustore"), ("status", "placed"))
                && Counted(c, Orders, "payments.orders.transitions", ("provider", "rustore"), ("status", "paid"))
                && Counted(c, Entitlements, "payments.entitlements.grants", ("provider", "rustore"), ("environment", "production"))
                && Counted(c, Normalizer, "messaging.masstransit.consume", ("messaging.masstransit.message_type", "RuStoreInvoiceStatusReceived"))
                && Counted(c, Orders, "messaging.masstransit.saga", ("messaging.masstransit.message_type", "PaymentSucceeded"))
                && Counted(c, Entitlements, "messaging.masstransit.consume", ("messaging.masstransit.message_type", "OrderPaid"))
                && new[] { Ingress, Normalizer, Orders, Entitlements }.All(service => Counted(c, service, "dotnet.assembly.count")),
            ExportWait,
            () => "points:\n" + string.Join('\n', collector.Points.Select(p => p.ToString()).Distinct()));
    }

    /// <summary>From a consume span in Entitlements up, parent by parent, to a root in Ingress; null until every span of the way arrived.</summary>
    private static List<ExportedSpan>? GrantChain(IReadOnlyCollection<ExportedSpan> spans)
    {
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        foreach (var grant in spans.Where(s => IsConsume(s, Entitlements, "OrderPaid")))
        {
            var chain = new List<ExportedSpan> { grant };
            while (chain[^1].ParentSpanId is { } parent && byId.TryGetValue(parent, out var next))
            {
                chain.Add(next);
            }

            if (chain[^1] is { ParentSpanId: null, Service: Ingress })
            {
                chain.Reverse();
                return chain;
            }
        }

        return null;
    }

    /// <summary>MassTransit's span for a consumer or saga handling <paramref name="messageType"/> (its destination is the message type's exchange).</summary>
    private static bool IsConsume(ExportedSpan span, string service, string messageType) =>
        span.Service == service
        && span is { Kind: ExportedSpan.Consumer, Scope: "MassTransit" }
        && span.Name.EndsWith(" process", StringComparison.Ordinal)
        && span.Attributes.GetValueOrDefault("messaging.masstransit.destination_address", "").EndsWith(":" + messageType, StringComparison.Ordinal);

    /// <summary>A client span of Npgsql's own instrumentation: one database command.</summary>
    private static bool IsDatabase(ExportedSpan span, string service) =>
        span is { Scope: "Npgsql", Kind: ExportedSpan.Client } && span.Service == service
        && span.Attributes.GetValueOrDefault("db.system.name", span.Attributes.GetValueOrDefault("db.system", "")) == "postgresql";

    private static bool Counted(OtlpReceiver collector, string service, string metric, params (string Key, string Value)[] tags) =>
        collector.Points.Any(p => p.Service == service && p.Metric == metric && p.Value >= 1 && tags.All(t => p.Attributes.GetValueOrDefault(t.Key) == t.Value));

    private static string Describe(OtlpReceiver collector) =>
        $"all spans:\n{string.Join('\n', collector.Spans.OrderBy(s => s.TraceId, StringComparer.Ordinal))}\ncollector errors: {string.Join("; ", collector.Errors)}";
}
