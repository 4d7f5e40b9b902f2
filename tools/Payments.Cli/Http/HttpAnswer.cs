using System.Net;
using System.Text.Json;

namespace Payments.Cli.Http;

/// <summary>What the service answered, and how long it took.</summary>
internal sealed record HttpAnswer(HttpStatusCode Status, string Body, string? ContentType, TimeSpan Elapsed)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();

    public override string ToString() => $"{(int)Status} {Status}";
}
