namespace Payments.Contracts.Access;

/// <summary>
/// What a caller may do. A route names the one scope it needs; an API key or a token lists the scopes it grants.
/// The names are part of the external interface (README "Security"): configuration and identity providers use them.
/// </summary>
public static class Scopes
{
    /// <summary><c>POST /orders</c>: register an order with its user, items and amount.</summary>
    public const string OrdersWrite = "orders:write";

    /// <summary><c>GET /orders/**</c>: an order's status and timeline.</summary>
    public const string OrdersRead = "orders:read";

    /// <summary>Settling an order whose grant is blocked for an operator.</summary>
    public const string OrdersResolve = "orders:resolve";

    /// <summary><c>GET /users/{id}/entitlements</c> and its history.</summary>
    public const string EntitlementsRead = "entitlements:read";

    /// <summary><c>PUT /users/{id}</c>: mark a user as known for the Xsolla user check.</summary>
    public const string UsersWrite = "users:write";

    /// <summary><c>GET /archive/**</c>: archived provider notifications, raw payloads included (personal data).</summary>
    public const string ArchiveRead = "archive:read";

    /// <summary><c>POST /archive/messages/{id}/replay</c>: publish an archived notification again.</summary>
    public const string ArchiveReplay = "archive:replay";

    /// <summary><c>GET /dead-letters/**</c>: the system's error queues and their messages, bodies included (personal data).</summary>
    public const string DeadLettersRead = "dead-letters:read";

    /// <summary><c>POST /dead-letters/{queue}/requeue</c>: move dead letters back to the queue they faulted on.</summary>
    public const string DeadLettersRequeue = "dead-letters:requeue";

    public const string NotifierRead = "notifier:read";
    public const string NotifierWrite = "notifier:write";

    /// <summary>Operator sign-in to the console.</summary>
    public const string Console = "console";

    public static IReadOnlyList<string> All { get; } =
    [
        OrdersWrite, OrdersRead, OrdersResolve, EntitlementsRead, UsersWrite, ArchiveRead, ArchiveReplay, DeadLettersRead, DeadLettersRequeue, NotifierRead, NotifierWrite, Console,
    ];
}
