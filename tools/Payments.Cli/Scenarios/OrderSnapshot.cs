using System.Net;
using System.Text.Json;
using Payments.Cli.Http;

namespace Payments.Cli.Scenarios;

/// <summary>What the order API says about the scenario's order at one moment (absent before its first event).</summary>
internal sealed record OrderSnapshot(JsonElement? Order)
{
    public bool Exists => Order is not null;

    /// <summary>Every event the timeline accounts for: its entries, their folded duplicates, and entries past the cap.</summary>
    public int TimelineLength => Order is { } order
        ? order.GetProperty("timeline").EnumerateArray().Sum(e => 1 + (e.TryGetProperty("duplicates", out var d) ? d.GetInt32() : 0))
          + (order.TryGetProperty("timelineFolded", out var folded) ? folded.GetInt32() : 0)
        : 0;

    public string? Status => Order?.GetProperty("status").GetString();

    public bool Granted => Order?.GetProperty("granted").GetBoolean() ?? false;

    public bool Revoked => Order?.GetProperty("revoked").GetBoolean() ?? false;

    public Guid? OrderId => Order?.GetProperty("orderId").GetGuid();

    public static OrderSnapshot From(HttpAnswer answer) =>
        answer.Status == HttpStatusCode.NotFound ? new OrderSnapshot((JsonElement?)null)
        : answer.IsSuccess ? new OrderSnapshot(answer.Json())
        : throw new InvalidOperationException($"GET order answered {answer}: {answer.Body}");
}
