namespace Payments.ServiceDefaults.Messaging;

public enum BusTransport
{
    /// <summary>MassTransit's in-process transport: the embedded default and unit tests only.</summary>
    InMemory,

    /// <summary>RabbitMQ with publisher confirms: every distributed deployment.</summary>
    RabbitMq,
}
