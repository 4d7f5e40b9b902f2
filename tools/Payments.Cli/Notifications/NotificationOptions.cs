namespace Payments.Cli.Notifications;

/// <summary>Per-request choices beyond the purchase: secrets given on the command line and provider details.</summary>
internal sealed record NotificationOptions
{
    public string? RuStoreKey { get; init; }
    public string? XsollaSecret { get; init; }
    public string? RoboKassaPassword { get; init; }
    public string? RoboKassaAlgorithm { get; init; }

    /// <summary>RuStore: a fixed IV (12 bytes) instead of a random one, to reproduce a payload.</summary>
    public byte[]? Iv { get; init; }

    /// <summary>RuStore: the body's notification <c>id</c> (default: a new one per request, as RuStore does).</summary>
    public string? NotificationId { get; init; }

    /// <summary>RuStore: <c>invoice_id</c> (default <c>inv-{order}</c>).</summary>
    public string? Invoice { get; init; }

    /// <summary>RoboKassa: call ResultURL with GET instead of a form POST.</summary>
    public bool UseGet { get; init; }
}
