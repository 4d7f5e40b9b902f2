using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using RabbitMQ.Client;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// A plain RabbitMQ.Client connection to the broker the bus uses (<c>Bus:RabbitMq</c>: host or cluster nodes, virtual
/// host, credentials, TLS exactly as the bus checks it), for what MassTransit does not do: reading a queue without
/// consuming it (the Archive's dead-letter API).
/// </summary>
public static class BrokerConnectionFactory
{
    public static ConnectionFactory Create(RabbitMqOptions rabbit, string clientName) => new()
    {
        HostName = rabbit.Host,
        Port = rabbit.EffectivePort,
        VirtualHost = rabbit.VirtualHost,
        UserName = rabbit.Username,
        Password = rabbit.Password,
        Ssl = Tls(rabbit),
        ClientProvidedName = clientName,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        AutomaticRecoveryEnabled = false,
    };

    /// <summary>Every node to try, in order (the one host when no cluster is configured).</summary>
    public static IReadOnlyList<AmqpTcpEndpoint> Endpoints(RabbitMqOptions rabbit) =>
        [.. BrokerCluster.Nodes(rabbit).Select(node => new AmqpTcpEndpoint(node.Host, node.Port, Tls(rabbit)))];

    private static SslOption Tls(RabbitMqOptions rabbit)
    {
        if (!rabbit.UseTls)
        {
            return new SslOption { Enabled = false };
        }

        var tls = new SslOption
        {
            Enabled = true,
            Version = SslProtocols.Tls12 | SslProtocols.Tls13,
            ServerName = string.IsNullOrWhiteSpace(rabbit.TlsServerName) ? rabbit.Host : rabbit.TlsServerName,
            CertPath = rabbit.TlsClientCertificateFile ?? "",
            CertPassphrase = rabbit.TlsClientCertificatePassword ?? "",
        };
        if (rabbit.TlsCaFile is { } caFile)
        {
            var authority = X509CertificateLoader.LoadCertificateFromFile(caFile);
            tls.CertificateValidationCallback = (_, certificate, _, errors) => BrokerTls.Trusted(certificate, errors, authority);
        }

        return tls;
    }
}
