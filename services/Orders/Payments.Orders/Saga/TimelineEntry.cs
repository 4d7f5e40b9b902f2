namespace Payments.Orders.Saga;

/// <summary>One event the order saw, applied or not, and why.</summary>
public sealed record TimelineEntry
{
    public required DateTimeOffset At { get; init; }

    /// <summary>e.g. <c>payment.succeeded</c>, <c>order.placed</c>, <c>order.granted</c>.</summary>
    public required string Event { get; init; }

    /// <summary>The provider's event identity (or <c>api</c> for the order API).</summary>
    public required string Source { get; init; }

    public required bool Applied { get; init; }

    public string? Reason { get; init; }

    /// <summary>The status move this event made (when it made one), kept so a duplicate of it announces the same move again.</summary>
    public StatusChange? StatusChange { get; init; }

    /// <summary>
    /// How many more times the same entry came — a provider's retry, a redelivery, a replay — counted here instead of
    /// appended, so a retry storm cannot grow the order without limit.
    /// </summary>
    public int Duplicates { get; init; }

    /// <summary>When the last of <see cref="Duplicates"/> came.</summary>
    public DateTimeOffset? LastDuplicateAt { get; init; }
}

/// <summary>A move of the order's status, as <c>OrderStatusChanged</c> announced it (lowercase status names).</summary>
public sealed record StatusChange(string? From, string To, DateTimeOffset At);
