namespace Payments.UnitTests.Telemetry;

public sealed record RecordedMeasurement(string Instrument, long Value, IReadOnlyDictionary<string, string?> Tags);
