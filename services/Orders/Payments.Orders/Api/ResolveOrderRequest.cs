namespace Payments.Orders.Api;

/// <summary>Body of <c>POST /orders/{provider}/{account}/{providerOrderId}/resolve</c>.</summary>
public sealed record ResolveOrderRequest
{
    /// <summary><c>grant-as-registered</c>, <c>grant-as-paid</c> or <c>cancel</c>.</summary>
    public string? Action { get; init; }
}
