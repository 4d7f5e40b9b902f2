using System.Text.Encodings.Web;
using System.Text.Json;

namespace Payments.Simulator;

/// <summary>
/// Serialization as the providers' documented examples are written: no spaces, quotes escaped as <c>\"</c> and
/// non-ASCII text kept as UTF-8 (not <c>\uXXXX</c>), so a built payload can equal a test vector byte for byte.
/// </summary>
internal static class CompactJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
