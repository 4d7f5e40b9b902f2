namespace Payments.IntegrationTests.Telemetry;

/// <summary>One data point of a sum or gauge as an OTLP exporter sent it (sums are cumulative by default).</summary>
internal sealed record ExportedPoint(string Service, string Scope, string Metric, IReadOnlyDictionary<string, string> Attributes, double Value)
{
    public override string ToString() =>
        $"{Service} {Metric}{{{string.Join(',', Attributes.Select(a => $"{a.Key}={a.Value}"))}}} = {Value}";
}
