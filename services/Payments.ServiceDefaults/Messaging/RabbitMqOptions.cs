namespace Payments.ServiceDefaults.Messaging;

/// <summary>Bound from <c>Bus:RabbitMq</c>.</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";

    /// <summary>The AMQP port; unset (0) means 5672, or 5671 with <see cref="UseTls"/>.</summary>
    public int Port { get; set; }

    public int EffectivePort => Port > 0 ? Port : UseTls ? 5671 : 5672;

    /// <summary>Every configured cluster node, one <c>host:port</c> each (entries split at commas, blanks dropped).</summary>
    public IReadOnlyList<string> EffectiveClusterNodes =>
        [.. ClusterNodes.SelectMany(entry => (entry ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>
    /// The nodes of a RabbitMQ cluster, each <c>host:port</c> (or <c>host</c> for the default port); an entry may also list
    /// several, comma-separated. When set, the client connects to the first node that answers and, when its connection
    /// is lost, to any other: one node down is not a broker outage. <see cref="Host"/> then only names the broker in logs.
    /// </summary>
    public List<string> ClusterNodes { get; set; } = [];

    /// <summary>
    /// Declare receive queues as quorum queues (replicated over the cluster's nodes; needs three nodes in production),
    /// with <see cref="DeliveryLimit"/> and a dead-letter queue per endpoint.
    /// </summary>
    public bool QuorumQueues { get; set; }

    /// <summary>
    /// With <see cref="QuorumQueues"/>: how often the broker hands out one message again (a consumer that died or lost
    /// its connection before acknowledging) before it dead-letters it to <c>&lt;queue&gt;_dead-letter</c> instead of
    /// delivering it forever. A consumer's failures never count: they are retried in the process and end in
    /// <c>&lt;queue&gt;_error</c>.
    /// </summary>
    public int DeliveryLimit { get; set; } = 20;

    /// <summary>Messages each endpoint takes from the broker ahead of processing.</summary>
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>AMQP over TLS (1.2 or 1.3): the broker's certificate must be valid for <see cref="TlsServerName"/>.</summary>
    public bool UseTls { get; set; }

    /// <summary>The name the broker's certificate must carry; default <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>PEM file of the CA that issued the broker's certificate (a private CA); default: the system's trusted roots.</summary>
    public string? TlsCaFile { get; set; }

    /// <summary>Optional client certificate (PKCS#12 / .pfx) for brokers that require one.</summary>
    public string? TlsClientCertificateFile { get; set; }

    public string? TlsClientCertificatePassword { get; set; }
}
