namespace Payments.DeadLetters;

/// <summary>
/// The receive queues of the whole system, whose <c>&lt;queue&gt;_error</c> queues the Archive's dead-letter API shows
/// on RabbitMQ. AMQP cannot list queues, and the management plugin is neither in the deployments nor wanted for one
/// list, so the names are known here: MassTransit's kebab-case names of each module's consumers and saga
/// (<c>AddBus</c>, <c>SetKebabCaseEndpointNameFormatter</c>). <c>StandaloneDeadLetterTests</c> compares this list with
/// the error queues the standalone host lists, which are those of every endpoint it really configures (it composes
/// every module): a new consumer fails that test until it is added here.
/// </summary>
public static class SystemQueues
{
    public const string ErrorSuffix = "_error";

    /// <summary>
    /// With quorum queues (<c>Bus:RabbitMq:QuorumQueues</c>) the broker dead-letters a message it handed out
    /// <c>Bus:RabbitMq:DeliveryLimit</c> times to <c>&lt;queue&gt;_dead-letter</c>: one held by consumers that died, or an
    /// error queue's message read that often without being consumed (each read is a delivery). Its messages belong to
    /// the same source queue.
    /// </summary>
    public const string DeadLetterSuffix = "_dead-letter";

    public static IReadOnlyList<string> Receive { get; } =
    [
        // Orders
        "order-state",

        // Entitlements
        "order-paid",
        "order-revoked",
        "user-named-by-order",

        // Normalizer
        "ru-store-invoice-status",
        "ru-store-test-event",
        "xsolla-payment",
        "xsolla-order-paid",
        "xsolla-refund",
        "xsolla-partial-refund",
        "xsolla-order-canceled",
        "robo-kassa-result",

        // Archive, Notifier
        "notification-archive",
        "refusal-summary",
        "game-server-notification",
    ];

    /// <summary>
    /// Endpoints without an error queue: <c>validate-user</c> discards its faults (a user check is answered or times
    /// out; a stale one is never worth replaying).
    /// </summary>
    public static IReadOnlyList<string> FaultsDiscarded { get; } = ["validate-user"];

    /// <summary>
    /// The source queue of <paramref name="errorQueue"/> when it is the <c>_error</c> queue (or, with
    /// <paramref name="deadLetterQueues"/>, the <c>_dead-letter</c> queue) of one of <paramref name="receiveQueues"/>.
    /// </summary>
    public static string? SourceOf(string errorQueue, IEnumerable<string> receiveQueues, bool deadLetterQueues = false)
    {
        foreach (var suffix in deadLetterQueues ? new[] { ErrorSuffix, DeadLetterSuffix } : [ErrorSuffix])
        {
            if (errorQueue.EndsWith(suffix, StringComparison.Ordinal) && receiveQueues.Contains(errorQueue[..^suffix.Length], StringComparer.Ordinal))
            {
                return errorQueue[..^suffix.Length];
            }
        }

        return null;
    }
}
