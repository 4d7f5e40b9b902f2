using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MassTransit;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// AMQP over TLS: TLS 1.2 or 1.3, the broker's certificate checked for <see cref="RabbitMqOptions.TlsServerName"/>
/// (default the host) and chained to the system's roots or, with <see cref="RabbitMqOptions.TlsCaFile"/>, to that CA
/// only. Nothing is accepted on a name mismatch or an untrusted chain: there is no "trust any certificate" switch.
/// </summary>
internal static class BrokerTls
{
    public static void Configure(IRabbitMqSslConfigurator tls, RabbitMqOptions rabbit)
    {
        tls.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
        tls.ServerName = string.IsNullOrWhiteSpace(rabbit.TlsServerName) ? rabbit.Host : rabbit.TlsServerName;
        if (rabbit.TlsClientCertificateFile is { } client)
        {
            tls.CertificatePath = client;
            tls.CertificatePassphrase = rabbit.TlsClientCertificatePassword;
        }

        if (rabbit.TlsCaFile is { } caFile)
        {
            var authority = X509CertificateLoader.LoadCertificateFromFile(caFile);
            tls.CertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, authority);
        }
    }

    /// <summary>The name matched (the handshake checked it) and the chain ends at <paramref name="authority"/>, the only trusted root.</summary>
    internal static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 authority)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }
}
