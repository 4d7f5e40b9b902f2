using RabbitMQ.Client;

namespace Payments.Cli.DeadLetters;

/// <summary>One message taken (not yet acknowledged) from an error queue, with what MassTransit recorded about its fault.</summary>
internal sealed record DeadLetter(
    BasicGetResult Delivery, string? MessageId, string? MessageType, string? FaultMessage, string? FaultConsumer, string? FaultedAt)
{
    public ulong DeliveryTag => Delivery.DeliveryTag;

    public int Size => Delivery.Body.Length;
}
