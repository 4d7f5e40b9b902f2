namespace Payments.Archive.Api;

/// <summary>Answer of <c>GET /archive/{provider}</c>: newest first, at most <c>limit</c>.</summary>
public sealed record ArchiveListView
{
    public required string Provider { get; init; }
    public string? Account { get; init; }
    public string? Order { get; init; }
    public string? Environment { get; init; }
    public required IReadOnlyList<ArchivedNotificationSummary> Notifications { get; init; }
}
