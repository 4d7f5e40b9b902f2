using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Messaging;

internal sealed class BusOptionsValidator : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add("Bus:Transport must be InMemory or RabbitMq.");
        }

        if (options.Transport == BusTransport.RabbitMq)
        {
            if (string.IsNullOrWhiteSpace(options.RabbitMq.Host))
            {
                failures.Add("Bus:RabbitMq:Host is required when Bus:Transport is RabbitMq.");
            }

            var rabbit = options.RabbitMq;
            if (rabbit.Port is < 0 or > 65535)
            {
                failures.Add("Bus:RabbitMq:Port must be between 1 and 65535 (or unset: 5672, 5671 with UseTls).");
            }

            foreach (var node in rabbit.EffectiveClusterNodes)
            {
                if (!BrokerCluster.TryParseNode(node, out _, out _))
                {
                    failures.Add($"Bus:RabbitMq:ClusterNodes has '{node}'; each node is host:port (or host for the default port), the port between 1 and 65535.");
                }
            }

            if (rabbit.DeliveryLimit < 1)
            {
                failures.Add("Bus:RabbitMq:DeliveryLimit must be at least 1 (redeliveries of one message before it is dead-lettered).");
            }

            if (!rabbit.UseTls && (rabbit.TlsCaFile ?? rabbit.TlsClientCertificateFile ?? rabbit.TlsServerName) is not null)
            {
                failures.Add("Bus:RabbitMq:TlsServerName, TlsCaFile and TlsClientCertificateFile need Bus:RabbitMq:UseTls=true; without it the connection is plain AMQP.");
            }

            if (rabbit.UseTls && rabbit.TlsCaFile is { } ca && !File.Exists(ca))
            {
                failures.Add($"Bus:RabbitMq:TlsCaFile names a file that does not exist: {ca}.");
            }

            if (rabbit.UseTls && rabbit.TlsClientCertificateFile is { } client && !File.Exists(client))
            {
                failures.Add($"Bus:RabbitMq:TlsClientCertificateFile names a file that does not exist: {client}.");
            }
        }

        if (options.PublishTimeout <= TimeSpan.Zero)
        {
            failures.Add("Bus:PublishTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
