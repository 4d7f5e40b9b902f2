namespace Payments.ServiceDefaults.Messaging;

/// <summary>Bound from <c>Bus:RabbitMq</c>.</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";

    /// <summary>The AMQP port; unset (0) means 5672, or 5671 with <see cref="UseTls"/>.</summary>
    public int Port { get; set; }

    public int EffectivePort => Port > 0 ? Port : UseTls ? 5671 : 5672;

    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>Declare receive queues as quorum queues (replicated; needs a cluster of three in production).</summary>
    public bool QuorumQueues { get; set; }

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
