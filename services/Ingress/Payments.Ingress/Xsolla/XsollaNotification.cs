using Payments.Contracts.Providers.Xsolla;

namespace Payments.Ingress.Xsolla;

/// <summary>A signed, parsed webhook body.</summary>
internal sealed record XsollaNotification
{
    /// <summary>Lowercase, one of <see cref="XsollaNotificationTypes"/>.</summary>
    public required string NotificationType { get; init; }
    public required XsollaNotificationKind Kind { get; init; }
    public required string Environment { get; init; }

    /// <summary>The provider event's id within its type: the user (validation), transaction or order id.</summary>
    public required string EventId { get; init; }

    /// <summary><c>user.id</c> of a <see cref="XsollaNotificationKind.UserValidation"/>.</summary>
    public string? UserId { get; init; }

    /// <summary>Present for payment, refund and partial_refund.</summary>
    public XsollaTransaction? Transaction { get; init; }

    /// <summary>Present for order_paid and order_canceled.</summary>
    public XsollaOrder? Order { get; init; }

    /// <summary>The body exactly as it was signed.</summary>
    public required string RawBody { get; init; }
}
