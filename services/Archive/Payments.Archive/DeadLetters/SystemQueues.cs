namespace Payments.Archive.DeadLetters;

/// <summary>
/// The receive queues of the whole system, whose <c>&lt;queue&gt;_error</c> queues the dead-letter API shows. AMQP
/// cannot list queues, and the management plugin is neither in the deployments nor wanted for one list, so the names
/// are known here: MassTransit's kebab-case names of each module's consumers and saga (<c>AddBus</c>,
/// <c>SetKebabCaseEndpointNameFormatter</c>). <c>DeadLetterCatalogTests</c> compares this list with the endpoints the
/// standalone host, which composes every module, really configures: a new consumer fails that test until it is
/// added here. <c>validate-user</c> is not listed: it discards its faults (a user check is answered or times out; a
/// stale one is never worth replaying), so it has no error queue.
/// </summary>
internal static class SystemQueues
{
    public const string ErrorSuffix = "_error";

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
        "game-server-notification",
    ];

    /// <summary>The source queue of <paramref name="errorQueue"/> when it is one of the system's error queues.</summary>
    public static string? SourceOf(string errorQueue, IEnumerable<string> receiveQueues) =>
        errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal) && receiveQueues.Contains(errorQueue[..^ErrorSuffix.Length], StringComparer.Ordinal)
            ? errorQueue[..^ErrorSuffix.Length]
            : null;
}
