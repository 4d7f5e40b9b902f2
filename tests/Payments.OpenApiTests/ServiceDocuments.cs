using System.Collections.Concurrent;
using System.Net;

namespace Payments.OpenApiTests;

/// <summary>What one host answered at <see cref="DocumentChecks.DocumentRoute"/> without a credential, and the routes it mapped.</summary>
internal sealed record ServiceDocument(string Host, HttpStatusCode Status, string? ContentType, string Json, IReadOnlyList<MappedRoute> Routes);

/// <summary>Each host is started once for all the tests that read its document.</summary>
internal static class ServiceDocuments
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ServiceDocument>>> Fetched = new(StringComparer.Ordinal);

    public static Task<ServiceDocument> OfAsync(string host) =>
        Fetched.GetOrAdd(host, h => new Lazy<Task<ServiceDocument>>(() => FetchAsync(h))).Value;

    private static async Task<ServiceDocument> FetchAsync(string assembly)
    {
        await using var host = await ServiceHost.StartAsync(assembly);
        using var response = await host.Client.GetAsync(new Uri(DocumentChecks.DocumentRoute, UriKind.Relative));
        var json = await response.Content.ReadAsStringAsync();
        return new ServiceDocument(assembly, response.StatusCode, response.Content.Headers.ContentType?.MediaType, json, DocumentChecks.Routes(host.Endpoints));
    }
}
