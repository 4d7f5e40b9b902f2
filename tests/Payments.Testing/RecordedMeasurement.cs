namespace Payments.Testing;

public sealed record RecordedMeasurement(string Instrument, long Value, IReadOnlyDictionary<string, string?> Tags);
