using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Payments.Contracts.Access;

namespace Payments.OpenApiTests;

/// <summary>One mapped route with one of its methods, and what its authorization metadata asks for.</summary>
internal sealed record MappedRoute(string Method, string Path, IReadOnlyList<string> Scopes)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// What a service's document must say about the routes the service maps. Each check returns what is wrong, one
/// line per route, so a failure names every route at once. The expectations come from the endpoints themselves,
/// never from the document's generator.
/// </summary>
internal static partial class DocumentChecks
{
    public const string DocumentRoute = "/openapi/v1.json";

    private const string ProblemJson = "application/problem+json";

    /// <summary>Parses the document; the reader's and the validator's errors, if any, are returned with it.</summary>
    public static (OpenApiDocument? Document, IReadOnlyList<string> Errors) Read(string json)
    {
        var result = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());
        var errors = result.Diagnostic?.Errors.Select(e => $"reader: {e}").ToList() ?? [];
        if (result.Document is { } document)
        {
            errors.AddRange(document.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet())?.Select(e => $"validator: {e}") ?? []);
        }
        else
        {
            errors.Add("no document");
        }

        return (result.Document, errors);
    }

    /// <summary>The operator console's pages (the standalone host mounts them): HTML for browsers, not an API.</summary>
    public const string ConsolePages = "/console";

    /// <summary>
    /// Every route endpoint with each of its methods, except the document's own route and the operator console's
    /// pages (tested in a browser by Payments.Console.Tests). A route without method metadata (the health checks)
    /// answers any method and is expected under GET.
    /// </summary>
    public static IReadOnlyList<MappedRoute> Routes(IEnumerable<RouteEndpoint> endpoints) =>
    [
        .. endpoints
            .Select(e => (Endpoint: e, Path: PathOf(e)))
            .Where(e => e.Path != DocumentRoute && e.Path != ConsolePages && !e.Path.StartsWith(ConsolePages + "/", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
                .Select(method => new MappedRoute(method.ToUpperInvariant(), e.Path, ScopesOf(e.Endpoint))))
            .Distinct(),
    ];

    /// <summary>Routes the document does not list with their method.</summary>
    public static IReadOnlyList<string> Undocumented(OpenApiDocument document, IEnumerable<MappedRoute> routes) =>
        [.. routes.Where(r => Operation(document, r) is null).Select(r => $"{r} is not in the document")];

    /// <summary>
    /// A route that needs a scope: a requirement for each of the two credential schemes, each naming exactly the
    /// route's scopes, and its 401 and 403 answers as problem+json. A webhook: no requirement at all.
    /// </summary>
    public static IReadOnlyList<string> SecurityProblems(OpenApiDocument document, IEnumerable<MappedRoute> routes)
    {
        var problems = new List<string>();
        if (document.Security is { Count: > 0 })
        {
            problems.Add("the document has a global security requirement: webhooks and health would inherit it");
        }

        var schemes = document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>();
        if (!schemes.TryGetValue("apiKey", out var apiKey) || apiKey.Type != SecuritySchemeType.ApiKey || apiKey.In != ParameterLocation.Header || apiKey.Name != "X-Api-Key")
        {
            problems.Add("no security scheme 'apiKey' (apiKey in the header X-Api-Key)");
        }

        if (!schemes.TryGetValue("bearer", out var bearer) || bearer.Type != SecuritySchemeType.Http || !string.Equals(bearer.Scheme, "bearer", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("no security scheme 'bearer' (http bearer)");
        }

        foreach (var route in routes)
        {
            if (Operation(document, route) is not { } operation)
            {
                continue; // Undocumented says so
            }

            var requirements = operation.Security ?? [];
            if (route.Scopes.Count == 0)
            {
                if (requirements.Count > 0)
                {
                    problems.Add($"{route} allows anonymous callers, yet the document asks for a credential");
                }

                continue;
            }

            var named = requirements.SelectMany(r => r.Keys.Select(k => k.Reference.Id)).ToHashSet(StringComparer.Ordinal);
            if (!named.SetEquals(["apiKey", "bearer"]))
            {
                problems.Add($"{route} needs {string.Join(", ", route.Scopes)}; its requirements name the schemes [{string.Join(", ", named)}], not apiKey and bearer");
            }

            foreach (var requirement in requirements)
            {
                foreach (var (scheme, scopes) in requirement)
                {
                    if (!scopes.Order(StringComparer.Ordinal).SequenceEqual(route.Scopes.Order(StringComparer.Ordinal)))
                    {
                        problems.Add($"{route} needs {string.Join(", ", route.Scopes)}; its {scheme.Reference.Id} requirement names [{string.Join(", ", scopes)}]");
                    }
                }
            }

            foreach (var status in new[] { "401", "403" })
            {
                if (operation.Responses?.TryGetValue(status, out var refusal) != true || refusal?.Content?.ContainsKey(ProblemJson) != true)
                {
                    problems.Add($"{route} does not document its {status} answer as {ProblemJson}");
                }
            }
        }

        return problems;
    }

    /// <summary>An operationId names one operation: client generators name their methods after it.</summary>
    public static IReadOnlyList<string> SharedOperationIds(OpenApiDocument document) =>
    [
        .. document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (Operation: $"{o.Key} {p.Key}", o.Value.OperationId)))
            .Where(o => o.OperationId is not null)
            .GroupBy(o => o.OperationId, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"operationId {g.Key} names {string.Join(" and ", g.Select(o => o.Operation))}"),
    ];

    /// <summary>Every request body, and every 2xx answer with a body, has an example.</summary>
    public static IReadOnlyList<string> MissingExamples(OpenApiDocument document)
    {
        var problems = new List<string>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                foreach (var (type, media) in operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
                {
                    if (!HasExample(media))
                    {
                        problems.Add($"{method} {path}: the {type} request body has no example");
                    }
                }

                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (!status.StartsWith('2'))
                    {
                        continue;
                    }

                    foreach (var (type, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                    {
                        if (!HasExample(media))
                        {
                            problems.Add($"{method} {path}: the {status} {type} answer has no example");
                        }
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>JSON is camelCase: no property of a described schema, nor of an example, starts with a capital letter.</summary>
    public static IReadOnlyList<string> NotCamelCase(OpenApiDocument document)
    {
        var examples = document.Paths
            .SelectMany(p => (p.Value.Operations ?? []).SelectMany(o =>
                (o.Value.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>()).Values
                    .Concat((o.Value.Responses ?? []).Values.SelectMany(r => (r.Content ?? new Dictionary<string, OpenApiMediaType>()).Values))
                    .Select(m => (Where: $"{o.Key} {p.Key}", m.Example))))
            .SelectMany(e => Keys(e.Example).Select(key => (e.Where, Key: key)));
        return
        [
            .. (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
                .SelectMany(s => (s.Value.Properties ?? new Dictionary<string, IOpenApiSchema>()).Keys
                    .Where(name => name.Length > 0 && char.IsUpper(name[0]))
                    .Select(name => $"schema {s.Key}: property {name} is not camelCase")),
            .. examples.Where(e => e.Key.Length > 0 && char.IsUpper(e.Key[0])).Select(e => $"{e.Where}: example property {e.Key} is not camelCase"),
        ];

        static IEnumerable<string> Keys(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Keys(p.Value).Prepend(p.Key)),
            System.Text.Json.Nodes.JsonArray a => a.SelectMany(Keys),
            _ => [],
        };
    }

    private static bool HasExample(OpenApiMediaType media) => media.Example is not null || media.Examples is { Count: > 0 };

    private static OpenApiOperation? Operation(OpenApiDocument document, MappedRoute route) =>
        document.Paths.TryGetValue(route.Path, out var item) && item.Operations?.TryGetValue(new HttpMethod(route.Method), out var operation) == true
            ? operation
            : null;

    /// <summary>The route as OpenAPI writes a path: "/archive/messages/{messageId:guid}" is "/archive/messages/{messageId}".</summary>
    private static string PathOf(RouteEndpoint endpoint) =>
        "/" + Parameter().Replace(endpoint.RoutePattern.RawText ?? "", "{$1}").TrimStart('/');

    /// <summary>What the route's authorization metadata asks for: RequireScope names its policy after the scope.</summary>
    private static IReadOnlyList<string> ScopesOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            ? []
            : [.. endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(Scopes.All.Contains).Distinct()];

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
