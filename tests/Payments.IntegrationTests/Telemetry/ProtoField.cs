namespace Payments.IntegrationTests.Telemetry;

/// <summary>One protobuf field: its number, and its value (varint, fixed32/64) or its bytes (length-delimited).</summary>
internal readonly record struct ProtoField(int Number, ulong Value, ReadOnlyMemory<byte> Bytes)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);

    public string Hex => Convert.ToHexStringLower(Bytes.Span);
}
