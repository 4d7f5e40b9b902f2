using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Access;

namespace Payments.OperatorConsole.Services;

/// <summary>
/// Every call the console makes, each to the service that owns the data, with the console's own API key
/// (<see cref="ConsoleOptions.ApiKey"/>). A failure becomes a <see cref="ServiceAnswer{T}"/> the page shows; it is
/// never retried here, since every action is the operator's to repeat.
/// </summary>
public sealed partial class ConsoleApi
{
    /// <summary>Names the operator on whose behalf the console acts; Orders records it with a resolution.</summary>
    public const string OperatorHeader = "X-Payments-Operator";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly ServiceUrls _urls;
    private readonly ILogger<ConsoleApi> _logger;

    public ConsoleApi(HttpClient http, ServiceUrls urls, ILogger<ConsoleApi> logger)
    {
        _http = http;
        _urls = urls;
        _logger = logger;
    }

    public bool Has(string service) => _urls.IsConfigured(service);

    /// <summary>The services are this host's modules: one readiness covers them all.</summary>
    public bool SameHost => _urls.SameHost;

    public Task<ServiceAnswer<OrderPage>> SearchOrdersAsync(OrderQuery query, CancellationToken cancellationToken) =>
        GetAsync<OrderPage>(ConsoleServices.Orders, QueryHelpers.AddQueryString("/orders", query.ToParameters()), cancellationToken);

    public Task<ServiceAnswer<OrderDetails>> GetOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        GetAsync<OrderDetails>(ConsoleServices.Orders, $"/orders/by-id/{orderId}", cancellationToken);

    public Task<ServiceAnswer<JsonElement>> ResolveAsync(OrderDetails order, string action, string operatorName, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(
            ConsoleServices.Orders,
            HttpMethod.Post,
            $"{OrderPath(order)}/resolve?environment={Uri.EscapeDataString(order.Environment)}",
            new { action },
            operatorName,
            cancellationToken);

    public Task<ServiceAnswer<ArchiveList>> ArchiveForOrderAsync(OrderDetails order, CancellationToken cancellationToken) =>
        GetAsync<ArchiveList>(
            ConsoleServices.Archive,
            QueryHelpers.AddQueryString($"/archive/{Uri.EscapeDataString(order.Provider)}", new Dictionary<string, string?>
            {
                ["account"] = order.Account,
                ["order"] = order.ProviderOrderId,
                ["environment"] = order.Environment,
                ["limit"] = "100",
            }),
            cancellationToken);

    public Task<ServiceAnswer<ArchiveList>> ArchiveByInvoiceAsync(string provider, string invoice, CancellationToken cancellationToken) =>
        GetAsync<ArchiveList>(
            ConsoleServices.Archive,
            QueryHelpers.AddQueryString($"/archive/{Uri.EscapeDataString(provider)}", new Dictionary<string, string?> { ["invoice"] = invoice, ["limit"] = "20" }),
            cancellationToken);

    public Task<ServiceAnswer<ArchivedMessage>> ArchivedAsync(Guid messageId, CancellationToken cancellationToken) =>
        GetAsync<ArchivedMessage>(ConsoleServices.Archive, $"/archive/messages/{messageId}", cancellationToken);

    public Task<ServiceAnswer<JsonElement>> ReplayAsync(Guid messageId, string operatorName, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(ConsoleServices.Archive, HttpMethod.Post, $"/archive/messages/{messageId}/replay", null, operatorName, cancellationToken);

    public Task<ServiceAnswer<NotificationCounts>> CountsAsync(int hours, CancellationToken cancellationToken) =>
        GetAsync<NotificationCounts>(ConsoleServices.Archive, $"/archive/counts?hours={hours}", cancellationToken);

    public Task<ServiceAnswer<UserEntitlements>> EntitlementsAsync(string userId, string environment, CancellationToken cancellationToken) =>
        GetAsync<UserEntitlements>(ConsoleServices.Entitlements, $"/users/{Uri.EscapeDataString(userId)}/entitlements?environment={Uri.EscapeDataString(environment)}", cancellationToken);

    public Task<ServiceAnswer<UserHistory>> HistoryAsync(string userId, string environment, CancellationToken cancellationToken) =>
        GetAsync<UserHistory>(ConsoleServices.Entitlements, $"/users/{Uri.EscapeDataString(userId)}/entitlements/history?environment={Uri.EscapeDataString(environment)}", cancellationToken);

    public Task<ServiceAnswer<DeliveryList>> DeliveriesAsync(Guid orderId, CancellationToken cancellationToken) =>
        GetAsync<DeliveryList>(ConsoleServices.Notifier, $"/notifier/orders/{orderId}/deliveries", cancellationToken);

    public Task<ServiceAnswer<DeadLetterQueues>> DeadLetterQueuesAsync(CancellationToken cancellationToken) =>
        GetAsync<DeadLetterQueues>(ConsoleServices.Archive, "/dead-letters", cancellationToken);

    public Task<ServiceAnswer<DeadLetterList>> DeadLettersAsync(string queue, CancellationToken cancellationToken) =>
        GetAsync<DeadLetterList>(ConsoleServices.Archive, $"/dead-letters/{Uri.EscapeDataString(queue)}?limit=200", cancellationToken);

    public Task<ServiceAnswer<DeadLetterMessage>> DeadLetterAsync(string queue, string messageId, CancellationToken cancellationToken) =>
        GetAsync<DeadLetterMessage>(ConsoleServices.Archive, $"/dead-letters/{Uri.EscapeDataString(queue)}/{Uri.EscapeDataString(messageId)}", cancellationToken);

    public Task<ServiceAnswer<RequeueResult>> RequeueAsync(string queue, IReadOnlyList<string> messageIds, string operatorName, CancellationToken cancellationToken) =>
        SendAsync<RequeueResult>(ConsoleServices.Archive, HttpMethod.Post, $"/dead-letters/{Uri.EscapeDataString(queue)}/requeue", new { messageIds }, operatorName, cancellationToken);

    /// <summary>The service's <c>/health/ready</c>: true ready, false not ready, null not configured or unreachable.</summary>
    public async Task<ServiceAnswer<string>> ReadinessAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(_urls.For(service, "/health/ready"), cancellationToken);
            return new ServiceAnswer<string>(response.StatusCode, response.IsSuccessStatusCode ? "ready" : "not ready", null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ServiceAnswer<string>(HttpStatusCode.ServiceUnavailable, null, "unreachable");
        }
    }

    private static string OrderPath(OrderDetails order) =>
        $"/orders/{Uri.EscapeDataString(order.Provider)}/{Uri.EscapeDataString(order.Account)}/{Uri.EscapeDataString(order.ProviderOrderId)}";

    private Task<ServiceAnswer<T>> GetAsync<T>(string service, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync<T>(service, HttpMethod.Get, pathAndQuery, null, null, cancellationToken);

    private async Task<ServiceAnswer<T>> SendAsync<T>(
        string service, HttpMethod method, string pathAndQuery, object? body, string? operatorName, CancellationToken cancellationToken)
    {
        if (!_urls.IsConfigured(service))
        {
            return new ServiceAnswer<T>(HttpStatusCode.NotImplemented, default, $"The console has no address for {service} ({ConsoleOptions.SectionName}:Services:{service}).");
        }

        using var request = new HttpRequestMessage(method, _urls.For(service, pathAndQuery));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (operatorName is not null)
        {
            request.Headers.TryAddWithoutValidation(OperatorHeader, operatorName);
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return new ServiceAnswer<T>(response.StatusCode, value, null);
            }

            var said = await ProblemAsync(response, cancellationToken);
            LogRefused(_logger, service, method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode);
            return new ServiceAnswer<T>(response.StatusCode, default, said);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(_logger, service, e.GetType().Name);
            return new ServiceAnswer<T>(HttpStatusCode.ServiceUnavailable, default, $"{service} did not answer ({e.GetType().Name}).");
        }
    }

    /// <summary>The problem's title and detail (the services answer application/problem+json), else the status.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                detail = string.Join("; ", errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", e.Value.EnumerateArray().Select(v => v.GetString()))}"));
            }

            return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } text ? text : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} refused {Method} {Path}: {Status}")]
    private static partial void LogRefused(ILogger logger, string service, string method, string path, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} did not answer: {Error}")]
    private static partial void LogUnreachable(ILogger logger, string service, string error);
}

/// <summary>The filters of <c>GET /orders</c>.</summary>
public sealed record OrderQuery
{
    public string? UserId { get; init; }
    public string? ProviderOrderId { get; init; }
    public string? Provider { get; init; }
    public string? Account { get; init; }
    public string? Environment { get; init; }
    public string? Status { get; init; }
    public bool? Blocked { get; init; }
    public bool? AwaitingDetails { get; init; }
    public int Limit { get; init; } = 50;
    public string? Cursor { get; init; }

    public Dictionary<string, string?> ToParameters()
    {
        var parameters = new Dictionary<string, string?>
        {
            ["userId"] = UserId,
            ["providerOrderId"] = ProviderOrderId,
            ["provider"] = Provider,
            ["account"] = Account,
            ["environment"] = Environment,
            ["status"] = Status,
            ["blocked"] = Blocked?.ToString().ToLowerInvariant(),
            ["awaitingDetails"] = AwaitingDetails?.ToString().ToLowerInvariant(),
            ["limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cursor"] = Cursor,
        };
        return parameters.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary();
    }
}
