namespace Payments.Archive.Api;

/// <summary>Answer of <c>GET /archive/{provider}</c>: newest first, at most <c>limit</c>.</summary>
public sealed record ArchiveListView
{
    public required string Provider { get; init; }
    public string? Account { get; init; }
    public string? Order { get; init; }

    /// <summary>The provider's invoice (<c>invoiceId</c>): RuStore <c>invoice_id</c>, Xsolla transaction id, RoboKassa <c>InvId</c>.</summary>
    public string? Invoice { get; init; }
    public string? Environment { get; init; }
    public required IReadOnlyList<ArchivedNotificationSummary> Notifications { get; init; }
}
