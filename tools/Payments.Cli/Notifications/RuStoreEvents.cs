namespace Payments.Cli.Notifications;

/// <summary>RuStore invoice statuses the CLI can send (PROTOCOLS.md §1.5), plus the console's connection check.</summary>
internal static class RuStoreEvents
{
    public const string Test = "test";

    public static readonly string[] All = ["executed", "paid", "confirmed", "cancelled", "rejected", "expired", "reversed", "refunded", Test];

    /// <summary>The <c>status_old</c> a real lifecycle would show before <paramref name="status"/> (informational for the receiver).</summary>
    public static string PreviousOf(string status) => status switch
    {
        "executed" => "created",
        "reversed" => "paid",
        "refunded" => "confirmed",
        _ => "executed",
    };
}
