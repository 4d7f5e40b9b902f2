namespace Payments.Ingress.RuStore;

/// <summary>
/// Lowercase status words (docs/providers/rustore.md#statuses). RuStore has documented them in lowercase and in uppercase; an unknown
/// word is still published, lowercase, and answered 200 (decision A3) — deciding what it means is the Normalizer's job.
/// </summary>
internal static class RuStoreInvoiceStatuses
{
    public const string Created = "created";
    public const string Executed = "executed";
    public const string Paid = "paid";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";
    public const string Expired = "expired";
    public const string Reversed = "reversed";
    public const string Refunded = "refunded";

    private static readonly HashSet<string> Known =
        [Created, Executed, Paid, Confirmed, Cancelled, Rejected, Expired, Reversed, Refunded];

    public static string Normalize(string status) => status.Trim().ToLowerInvariant();

    public static bool IsKnown(string normalizedStatus) => Known.Contains(normalizedStatus);
}
