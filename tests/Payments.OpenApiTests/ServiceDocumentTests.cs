using System.Net;
using System.Text.Json;
using Microsoft.OpenApi;

namespace Payments.OpenApiTests;

/// <summary>
/// Every HTTP host publishes an OpenAPI 3 document at /openapi/v1.json, to anyone, that lists every route it maps
/// with its method — so a route added without documentation fails here — with each scope-protected route's
/// security requirement and refusals, no credential asked of a webhook, and examples of bodies and main answers.
/// </summary>
public sealed class ServiceDocumentTests
{
    public static TheoryData<string> Hosts => [.. ServiceHost.Hosts];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task The_document_is_served_without_a_credential_and_is_valid_OpenAPI_3(string host)
    {
        var served = await ServiceDocuments.OfAsync(host);

        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal("application/json", served.ContentType);
        var (document, errors) = DocumentChecks.Read(served.Json);
        Assert.Empty(errors);
        Assert.StartsWith("3.", JsonDocument.Parse(served.Json).RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<OpenApiDocument>(document).Info.Title));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Every_mapped_route_is_in_the_document_with_its_method(string host)
    {
        var served = await ServiceDocuments.OfAsync(host);
        var document = DocumentChecks.Read(served.Json).Document!;

        Assert.NotEmpty(served.Routes);
        Assert.Empty(DocumentChecks.Undocumented(document, served.Routes));
        Assert.Empty(DocumentChecks.SharedOperationIds(document));
        // Health is part of every service's interface (probes), though it is not a route handler.
        Assert.Contains(served.Routes, r => r.Path == "/health/ready");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Scoped_routes_name_their_scope_and_refusals_and_webhooks_ask_for_no_credential(string host)
    {
        var served = await ServiceDocuments.OfAsync(host);
        var document = DocumentChecks.Read(served.Json).Document!;

        Assert.Empty(DocumentChecks.SecurityProblems(document, served.Routes));
        Assert.All(served.Routes.Where(r => r.Path.StartsWith("/webhooks/", StringComparison.Ordinal)), r => Assert.Empty(r.Scopes));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Request_bodies_and_main_answers_have_examples_and_JSON_is_camelCase(string host)
    {
        var served = await ServiceDocuments.OfAsync(host);
        var document = DocumentChecks.Read(served.Json).Document!;

        Assert.Empty(DocumentChecks.MissingExamples(document));
        Assert.Empty(DocumentChecks.NotCamelCase(document));
    }

    [Fact]
    public async Task The_standalone_document_covers_every_module()
    {
        var standalone = await ServiceDocuments.OfAsync("Payments.Standalone");
        foreach (var host in ServiceHost.Hosts.Where(h => h != "Payments.Standalone"))
        {
            var service = await ServiceDocuments.OfAsync(host);
            Assert.Empty(service.Routes.Select(r => r.ToString()).Except(standalone.Routes.Select(r => r.ToString())));
        }

        Assert.Empty(DocumentChecks.Undocumented(DocumentChecks.Read(standalone.Json).Document!, standalone.Routes));
    }
}
