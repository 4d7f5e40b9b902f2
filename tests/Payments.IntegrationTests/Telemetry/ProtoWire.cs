using System.Buffers.Binary;

namespace Payments.IntegrationTests.Telemetry;

/// <summary>
/// The protobuf wire format, just enough to walk OTLP messages without generated code: a message is a sequence of
/// (field number, wire type) keys, each followed by a varint, 8 or 4 little-endian bytes, or a length and bytes.
/// </summary>
internal static class ProtoWire
{
    public static List<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var key = ReadVarint(span, ref position);
            var number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    fields.Add(new ProtoField(number, ReadVarint(span, ref position), default));
                    break;
                case 1:
                    fields.Add(new ProtoField(number, BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(position, 8)), default));
                    position += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref position));
                    fields.Add(new ProtoField(number, 0, message.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    fields.Add(new ProtoField(number, BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(position, 4)), default));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"field {number} has the unsupported wire type {key & 7}");
            }
        }

        return fields;
    }

    /// <summary>The fields numbered <paramref name="number"/> (repeated fields come once per element).</summary>
    public static IEnumerable<ProtoField> Repeated(this List<ProtoField> fields, int number) => fields.Where(f => f.Number == number);

    public static ProtoField? Single(this List<ProtoField> fields, int number) =>
        fields.LastOrDefault(f => f.Number == number) is { Number: > 0 } found ? found : null;

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("a varint longer than 10 bytes");
    }
}
