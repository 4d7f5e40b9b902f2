namespace Payments.Contracts.Providers;

/// <summary>
/// A statistic, not a notification: how many provider notifications one Ingress replica refused (bad signature, bad
/// input, unknown account — a 4xx answer) for one <see cref="Provider"/>, <see cref="Account"/> and
/// <see cref="Reason"/> in the window [<see cref="From"/>, <see cref="To"/>), which never spans a minute boundary.
/// Published at most once per minute per key, only when <see cref="Count"/> is above zero. It carries nothing of the
/// refused requests, and no provider message is ever published for them. The MessageId names the replica, the key and
/// the window, so the Archive counts a redelivery once. A replica that stops loses the minute it had not published.
/// </summary>
public sealed record NotificationsRefused
{
    public required string Provider { get; init; }

    /// <summary>The configured account, or <c>(unknown)</c> when the request named none that is configured.</summary>
    public required string Account { get; init; }

    /// <summary>The refusal's reason code, as in the problem answer and the <c>payments.ingress.rejected</c> metric.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required int Count { get; init; }
}
