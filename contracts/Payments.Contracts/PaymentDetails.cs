namespace Payments.Contracts;

/// <summary>What one provider event tells about a payment. Any field the provider did not give is null.</summary>
public sealed record PaymentDetails
{
    /// <summary>The provider's identity of this event (stable across the provider's retries).</summary>
    public required string SourceEventId { get; init; }

    /// <summary>When the provider says the change happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    public string? UserId { get; init; }
    public IReadOnlyList<OrderItem>? Items { get; init; }

    /// <summary>
    /// True when <see cref="Items"/> carry the quantities the provider sold (Xsolla); false when the provider names
    /// only the product (RuStore's <c>product_code</c>, counted as one), so only the skus can be compared.
    /// </summary>
    public bool QuantitiesStated { get; init; }

    /// <summary>Decimal string, e.g. "100.00".</summary>
    public string? Amount { get; init; }

    /// <summary>ISO 4217 code.</summary>
    public string? Currency { get; init; }

    /// <summary>The provider's own status word, kept for the timeline (e.g. RuStore "confirmed").</summary>
    public string? ProviderStatus { get; init; }
}
