namespace Payments.ServiceDefaults.Messaging;

/// <summary>Bound from <c>Bus:RabbitMq</c>.</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>Declare receive queues as quorum queues (replicated; needs a cluster of three in production).</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>Messages each endpoint takes from the broker ahead of processing.</summary>
    public ushort PrefetchCount { get; set; } = 32;
}
