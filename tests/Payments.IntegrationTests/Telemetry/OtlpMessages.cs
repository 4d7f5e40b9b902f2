namespace Payments.IntegrationTests.Telemetry;

/// <summary>
/// Reads the two OTLP export requests (opentelemetry-proto, <c>collector/*/v1/*_service.proto</c>) down to what the
/// tests look at. Field numbers are the proto's: ExportTraceServiceRequest.resource_spans = 1,
/// ResourceSpans.resource = 1 / scope_spans = 2, Resource.attributes = 1, ScopeSpans.scope = 1 / spans = 2,
/// Span.trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6, attributes = 9, links = 13 (Link.trace_id = 1,
/// span_id = 2); ExportMetricsServiceRequest.resource_metrics
/// = 1, ResourceMetrics.scope_metrics = 2, ScopeMetrics.metrics = 2, Metric.name = 1, gauge = 5, sum = 7,
/// Gauge/Sum.data_points = 1, NumberDataPoint.as_double = 4, as_int = 6, attributes = 7.
/// </summary>
internal static class OtlpMessages
{
    public static IEnumerable<ExportedSpan> Spans(ReadOnlyMemory<byte> request)
    {
        foreach (var resourceSpans in ProtoWire.Fields(request).Repeated(1))
        {
            var resource = ProtoWire.Fields(resourceSpans.Bytes);
            var service = ServiceName(resource);
            foreach (var scopeSpans in resource.Repeated(2))
            {
                var scope = ProtoWire.Fields(scopeSpans.Bytes);
                var scopeName = ScopeName(scope);
                foreach (var spanField in scope.Repeated(2))
                {
                    var span = ProtoWire.Fields(spanField.Bytes);
                    var parent = span.Single(4) is { Bytes.Length: > 0 } p ? p.Hex : null;
                    yield return new ExportedSpan(
                        service,
                        scopeName,
                        span.Single(1)?.Hex ?? "",
                        span.Single(2)?.Hex ?? "",
                        parent,
                        span.Single(5)?.Text ?? "",
                        (int)(span.Single(6)?.Value ?? 0),
                        Attributes(span.Repeated(9)),
                        [.. span.Repeated(13).Select(link => ProtoWire.Fields(link.Bytes)).Select(link => $"{link.Single(1)?.Hex}/{link.Single(2)?.Hex}")]);
                }
            }
        }
    }

    public static IEnumerable<ExportedPoint> Points(ReadOnlyMemory<byte> request)
    {
        foreach (var resourceMetrics in ProtoWire.Fields(request).Repeated(1))
        {
            var resource = ProtoWire.Fields(resourceMetrics.Bytes);
            var service = ServiceName(resource);
            foreach (var scopeMetrics in resource.Repeated(2))
            {
                var scope = ProtoWire.Fields(scopeMetrics.Bytes);
                var scopeName = ScopeName(scope);
                foreach (var metricField in scope.Repeated(2))
                {
                    var metric = ProtoWire.Fields(metricField.Bytes);
                    var name = metric.Single(1)?.Text ?? "";
                    var numbers = metric.Single(7) ?? metric.Single(5);
                    if (numbers is not { } sumOrGauge)
                    {
                        continue; // histograms and summaries: not looked at
                    }

                    foreach (var pointField in ProtoWire.Fields(sumOrGauge.Bytes).Repeated(1))
                    {
                        var point = ProtoWire.Fields(pointField.Bytes);
                        var value = point.Single(6) is { } asInt ? (long)asInt.Value : BitConverter.UInt64BitsToDouble(point.Single(4)?.Value ?? 0);
                        yield return new ExportedPoint(service, scopeName, name, Attributes(point.Repeated(7)), value);
                    }
                }
            }
        }
    }

    /// <summary>Resource.attributes["service.name"] (the Resource is field 1 of ResourceSpans and ResourceMetrics).</summary>
    private static string ServiceName(List<ProtoField> resourceParent) =>
        resourceParent.Single(1) is { } resource && Attributes(ProtoWire.Fields(resource.Bytes).Repeated(1)).TryGetValue("service.name", out var name)
            ? name
            : "";

    /// <summary>InstrumentationScope.name: the ActivitySource or Meter.</summary>
    private static string ScopeName(List<ProtoField> scopeParent) =>
        scopeParent.Single(1) is { } scope ? ProtoWire.Fields(scope.Bytes).Single(1)?.Text ?? "" : "";

    /// <summary>KeyValue.key = 1, value = 2 (AnyValue: string_value = 1, bool_value = 2, int_value = 3, double_value = 4).</summary>
    private static Dictionary<string, string> Attributes(IEnumerable<ProtoField> keyValues)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in keyValues)
        {
            var fields = ProtoWire.Fields(keyValue.Bytes);
            var key = fields.Single(1)?.Text ?? "";
            var value = fields.Single(2) is { } any ? ProtoWire.Fields(any.Bytes).FirstOrDefault() : default;
            attributes[key] = value.Number switch
            {
                1 => value.Text,
                2 => (value.Value != 0).ToString(),
                3 => ((long)value.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                4 => BitConverter.UInt64BitsToDouble(value.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "",
            };
        }

        return attributes;
    }
}
