using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Payments.Testing;

/// <summary>
/// Records what the project's counters named <c>{prefix}…</c> measure for one provider. The Meter is static and
/// tests run in parallel, so each test uses a provider name of its own and sees only its own measurements.
/// </summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();
    private readonly MeterListener _listener = new();

    public MeasurementRecorder(string prefix, string provider)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var byTag = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            if (byTag.GetValueOrDefault("provider") == provider)
            {
                _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, byTag));
            }
        });
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/> over the measurements that carry all of <paramref name="tags"/>.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags) =>
        _measurements
            .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value))
            .Sum(m => m.Value);

    /// <summary>Every measurement of <paramref name="instrument"/>, as "tag=value,…" for readable assertions.</summary>
    public IReadOnlyList<string> Describe(string instrument, params string[] tagNames) =>
        [.. _measurements
            .Where(m => m.Instrument == instrument)
            .Select(m => string.Join(',', tagNames.Select(t => $"{t}={m.Tags.GetValueOrDefault(t)}")) + (m.Value == 1 ? "" : $" x{m.Value}"))
            .Order(StringComparer.Ordinal)];

    public void Dispose() => _listener.Dispose();
}
