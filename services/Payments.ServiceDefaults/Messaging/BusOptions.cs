namespace Payments.ServiceDefaults.Messaging;

/// <summary>Bound from the <c>Bus</c> section.</summary>
public sealed class BusOptions
{
    public const string SectionName = "Bus";

    public BusTransport Transport { get; set; } = BusTransport.RabbitMq;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>How long a publish may wait for the broker's confirmation before the caller gives up.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
