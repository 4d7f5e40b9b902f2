using RabbitMQ.Client;

namespace Payments.DeadLetters;

/// <summary>One message taken (not yet acknowledged) from an error queue, with what MassTransit recorded about its fault.</summary>
public sealed record DeadLetter(BasicGetResult Delivery, DeadLetterFacts Facts)
{
    public ulong DeliveryTag => Delivery.DeliveryTag;

    public int Size => Delivery.Body.Length;

    public string? MessageId => Facts.MessageId;

    /// <summary>The contract's short name (<c>OrderPaid</c>), from the envelope's first message type.</summary>
    public string? MessageType => Facts.MessageType;

    public string? FaultMessage => Facts.FaultMessage;

    public string? FaultConsumer => Facts.Consumer;

    public string? FaultedAt => Facts.FaultedAt;
}
