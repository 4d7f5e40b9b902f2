using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.Access;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.OpenApi;
using Payments.ServiceDefaults.Security;

namespace Payments.OpenApiTests;

/// <summary>The checks of <see cref="ServiceDocumentTests"/> do fail: a route left out of the document, a lost requirement.</summary>
public sealed class DocumentCheckTests
{
    [Fact]
    public async Task A_route_left_out_of_the_document_is_named()
    {
        await using var app = await StartAsync(routes =>
        {
            routes.MapGet("/reports/{day:int}", (int day) => Results.Ok(day)).RequireScope(Scopes.OrdersRead).Produces<int>().WithResponseExample(200, 7);
            routes.MapPost("/reports/{day:int}/rebuild", (int day) => Results.Accepted()).RequireScope(Scopes.OrdersResolve).ExcludeFromDescription();
        });
        var (document, routes) = await FetchAsync(app);

        var undocumented = DocumentChecks.Undocumented(document, routes);

        Assert.Equal(["POST /reports/{day}/rebuild is not in the document"], undocumented);
        Assert.Contains(routes, r => r.ToString() == "GET /reports/{day}" && r.Scopes.SequenceEqual([Scopes.OrdersRead]));
    }

    [Fact]
    public async Task A_scoped_operation_without_its_requirement_and_a_webhook_with_one_are_named()
    {
        await using var app = await StartAsync(routes =>
        {
            routes.MapGet("/reports", () => Results.Ok()).RequireScope(Scopes.OrdersRead);
            routes.MapPost("/webhooks/acme/{account}", (string account) => Results.Ok()).AllowAnonymous();
        });
        var (document, routes) = await FetchAsync(app);
        Assert.Empty(DocumentChecks.SecurityProblems(document, routes));

        var webhook = document.Paths["/webhooks/acme/{account}"].Operations![HttpMethod.Post];
        webhook.Security = document.Paths["/reports"].Operations![HttpMethod.Get].Security;
        document.Paths["/reports"].Operations![HttpMethod.Get].Security = [];

        var problems = DocumentChecks.SecurityProblems(document, routes);

        Assert.Contains(problems, p => p.StartsWith("GET /reports needs orders:read", StringComparison.Ordinal));
        Assert.Contains("POST /webhooks/acme/{account} allows anonymous callers, yet the document asks for a credential", problems);
    }

    [Fact]
    public async Task An_answer_without_an_example_is_named()
    {
        await using var app = await StartAsync(routes =>
            routes.MapGet("/reports/{day}", (string day) => Results.Ok(day)).RequireScope(Scopes.OrdersRead).Produces<string>());
        var (document, _) = await FetchAsync(app);

        Assert.Equal(["GET /reports/{day}: the 200 application/json answer has no example"], DocumentChecks.MissingExamples(document));
    }

    [Fact]
    public async Task Examples_are_written_as_the_service_writes_JSON()
    {
        await using var app = await StartAsync(routes => routes.MapGet("/reports/latest", () => Results.Ok(Report.Sample)).RequireScope(Scopes.OrdersRead)
            .Produces<Report>().WithResponseExample(StatusCodes.Status200OK, Report.Sample));
        var (document, _) = await FetchAsync(app);
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var example = document.Paths["/reports/latest"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Example;
        var served = JsonNode.Parse(await client.GetStringAsync(new Uri("/reports/latest", UriKind.Relative)));

        Assert.Equal("""{"dayOfYear":341,"kind":"monthlyTotals"}""", example!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(served, example), served?.ToJsonString());
    }

    [Fact]
    public async Task A_documented_body_and_query_parameters_describe_a_handler_that_reads_the_request_without_changing_its_routing()
    {
        await using var app = await StartAsync(routes => routes.MapPost("/webhooks/acme/{account}", (string account, HttpRequest request) => Results.Text($"read {request.ContentType}"))
            .AllowAnonymous()
            .WithDocumentedBody("application/json", Report.Sample).WithQueryParameter("InvId", "The invoice.", required: true)
            .Produces<string>(StatusCodes.Status200OK, "text/plain").WithResponseExample(StatusCodes.Status200OK, "read application/json"));
        var (document, _) = await FetchAsync(app);
        using var client = app.GetTestClient();

        var operation = document.Paths["/webhooks/acme/{account}"].Operations![HttpMethod.Post];
        var body = operation.RequestBody!.Content!["application/json"];
        using var answer = await client.PostAsync(new Uri("/webhooks/acme/demo", UriKind.Relative), new StringContent("x=1", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(["dayOfYear", "kind"], body.Schema!.Properties!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""{"dayOfYear":341,"kind":"monthlyTotals"}""", body.Example!.ToJsonString());
        var parameter = Assert.Single(operation.Parameters!, p => p.Name == "InvId");
        Assert.Equal(Microsoft.OpenApi.ParameterLocation.Query, parameter.In);
        Assert.True(parameter.Required);
        // Documentation only: another content type still reaches the handler (Accepts would make routing answer 415).
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("read text/plain; charset=utf-8", await answer.Content.ReadAsStringAsync());
    }

    private const string Key = "openapi-tests-key-0000000000000000000001";

    internal enum ReportKind
    {
        DailyTotals,
        MonthlyTotals,
    }

    internal sealed record Report(int DayOfYear, ReportKind Kind)
    {
        public static Report Sample { get; } = new(341, ReportKind.MonthlyTotals);
    }

    private static async Task<WebApplication> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:ApiKeys:tests:Sha256"] = ApiKey.Sha256Hex(Key),
            ["Auth:ApiKeys:tests:Scopes:0"] = Scopes.OrdersRead,
        });
        builder.AddServiceDefaults();
        builder.AddPaymentsOpenApi("Check");
        var app = builder.Build();
        map(app);
        app.MapPaymentsOpenApi();
        await app.StartAsync();
        return app;
    }

    private static async Task<(Microsoft.OpenApi.OpenApiDocument Document, IReadOnlyList<MappedRoute> Routes)> FetchAsync(WebApplication app)
    {
        using var client = app.GetTestClient();
        var json = await client.GetStringAsync(new Uri(DocumentChecks.DocumentRoute, UriKind.Relative));
        var (document, errors) = DocumentChecks.Read(json);
        Assert.Empty(errors);
        var routes = DocumentChecks.Routes(app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>());
        return (document!, routes);
    }
}
