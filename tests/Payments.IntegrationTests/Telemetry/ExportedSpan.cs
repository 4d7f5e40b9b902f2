namespace Payments.IntegrationTests.Telemetry;

/// <summary>
/// A span as an OTLP exporter sent it. <paramref name="Kind"/>: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
/// <paramref name="Links"/>: the linked spans, as "traceId/spanId" (hex).
/// </summary>
internal sealed record ExportedSpan(
    string Service, string Scope, string TraceId, string SpanId, string? ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> Links)
{
    public const int Server = 2;
    public const int Client = 3;
    public const int Producer = 4;
    public const int Consumer = 5;

    public override string ToString() =>
        $"{Service,-28} {Scope,-20} kind {Kind} {Name} [{SpanId} <- {ParentSpanId ?? "root"}] {string.Join(',', Attributes.Select(a => $"{a.Key}={a.Value}"))}";
}
