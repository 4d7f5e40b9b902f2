using System.Diagnostics;
using System.Net.Http.Json;
using Payments.Cli.Commands;
using Payments.Cli.Notifications;
using Payments.Cli.Secrets;
using Payments.Simulator;

namespace Payments.Cli.Http;

/// <summary>The HTTP interface of README.md ("HTTP interface"), from the outside: webhooks, orders, users, archive.</summary>
internal sealed class PaymentsApi(HttpClient http, Uri baseAddress, string apiKey) : IDisposable
{
    private const string ApiKeySetting = "--api-key / " + CliSettings.ApiKeyVariable;

    public Uri BaseAddress { get; } = baseAddress;

    public static PaymentsApi Create(CliContext context, string url, string apiKey)
    {
        if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--url must be an http(s) URL such as http://localhost:5080, not '{url}'.");
        }

        return new PaymentsApi(context.HttpClientFactory(), address, apiKey);
    }

    /// <summary>A provider's request to a webhook: it carries the provider's signature, never the API key.</summary>
    public async Task<HttpAnswer> SendAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        using var message = request.ToHttpRequest(BaseAddress);
        return await ExchangeAsync(message, cancellationToken);
    }

    public async Task<HttpAnswer> PlaceOrderAsync(string provider, Purchase purchase, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "orders"))
        {
            Content = JsonContent.Create(new
            {
                provider,
                account = purchase.Account,
                environment = purchase.Environment,
                providerOrderId = purchase.Order,
                userId = purchase.User,
                items = new[] { new { sku = purchase.Sku, quantity = purchase.Quantity } },
                amount = purchase.Amount,
                currency = purchase.Currency,
            }),
        };
        return await ExchangeAsync(Authorized(message), cancellationToken);
    }

    public Task<HttpAnswer> GetOrderAsync(string provider, string account, string providerOrderId, string environment, CancellationToken cancellationToken) =>
        GetAsync($"orders/{Escape(provider)}/{Escape(account)}/{Escape(providerOrderId)}?environment={Escape(environment)}", cancellationToken);

    public Task<HttpAnswer> GetEntitlementsAsync(string userId, string environment, bool history, CancellationToken cancellationToken) =>
        GetAsync($"users/{Escape(userId)}/entitlements{(history ? "/history" : "")}?environment={Escape(environment)}", cancellationToken);

    public async Task<HttpAnswer> ReplayArchivedAsync(Guid messageId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, $"archive/messages/{messageId}/replay"));
        return await ExchangeAsync(Authorized(message), cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private async Task<HttpAnswer> GetAsync(string relative, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, relative));
        return await ExchangeAsync(Authorized(message), cancellationToken);
    }

    private HttpRequestMessage Authorized(HttpRequestMessage message)
    {
        if (Payments.Contracts.Access.ApiKey.Problem(apiKey, ApiKeySetting) is { } problem)
        {
            throw new CliUsageException(problem);
        }

        message.Headers.Add("X-Api-Key", apiKey);
        return message;
    }

    private async Task<HttpAnswer> ExchangeAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new HttpAnswer(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, stopwatch.Elapsed);
        }
        catch (HttpRequestException exception)
        {
            throw new ServiceUnreachableException(BaseAddress, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceUnreachableException(BaseAddress, exception);
        }
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
