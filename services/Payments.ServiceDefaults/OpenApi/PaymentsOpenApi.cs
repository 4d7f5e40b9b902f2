using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Payments.Contracts.Access;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Security;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Payments.ServiceDefaults.OpenApi;

/// <summary>
/// The service's OpenAPI 3.1 document at <see cref="DocumentRoute"/>: every mapped route with its method, its
/// parameters, request and response schemas (from the endpoint's <c>Accepts</c> / <c>Produces</c> metadata), the
/// examples given with <see cref="WithRequestExample{TBuilder}"/> / <see cref="WithResponseExample{TBuilder}"/>, the
/// two ways to present a credential (<c>X-Api-Key</c>, <c>Authorization: Bearer</c>) and, on each route that
/// <see cref="AccessRegistration.RequireScope{TBuilder}"/> protects, a security requirement naming its scope plus
/// its <c>401</c> / <c>403</c> answers. Routes that allow anonymous callers (webhooks, health) carry no requirement.
/// </summary>
public static class PaymentsOpenApi
{
    /// <summary>Where the document is served: the name of the one document, <c>v1</c>, in ASP.NET Core's default pattern.</summary>
    public const string DocumentRoute = "/openapi/v1.json";

    public const string DocumentName = "v1";

    /// <summary>Security scheme id: an API key in the <c>X-Api-Key</c> header.</summary>
    public const string ApiKeySchemeId = "apiKey";

    /// <summary>Security scheme id: an API key or a JWT in <c>Authorization: Bearer</c>.</summary>
    public const string BearerSchemeId = "bearer";

    public const string HealthTag = "Health";

    private const string ProblemJson = "application/problem+json";

    /// <summary>Registers the document; <paramref name="title"/> names the service (or composition) it describes.</summary>
    public static IHostApplicationBuilder AddPaymentsOpenApi(this IHostApplicationBuilder builder, string title, string? description = null)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer((document, context, _) =>
            {
                Describe(document, title, description);
                AddHealth(document, context.ApplicationServices);
                DistinguishOperationIds(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                await AddBodiesAsync(operation, context, metadata, cancellationToken);
                AddSecurity(operation, context.Document, metadata);
                var json = context.ApplicationServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
                AddExamples(operation, metadata, json);
                AddQueryParameters(operation, metadata);
            });
        });
        return builder;
    }

    /// <summary>Serves the document at <see cref="DocumentRoute"/> to anyone: it describes the interface and holds no data.</summary>
    public static IEndpointConventionBuilder MapPaymentsOpenApi(this IEndpointRouteBuilder app) =>
        app.MapOpenApi(DocumentRoute).AllowAnonymous();

    /// <summary>An example of the request body, serialized as the service's JSON options serialize it (a string is shown as is).</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder endpoint, object example)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new OpenApiExample(null, example));

    /// <summary>An example of the answer with <paramref name="statusCode"/>, serialized as the service's JSON options serialize it.</summary>
    public static TBuilder WithResponseExample<TBuilder>(this TBuilder endpoint, int statusCode, object example)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new OpenApiExample(statusCode, example));

    /// <summary>
    /// The request body of a handler that reads the request itself (a provider's webhook: raw bytes, because the
    /// signature covers them). Unlike <c>Accepts</c>, this is documentation only: <c>Accepts</c> also makes routing
    /// answer 415 to another content type, where a webhook must answer in its provider's own format.
    /// </summary>
    public static TBuilder WithDocumentedBody<TBuilder, TBody>(this TBuilder endpoint, string contentType, TBody example)
        where TBuilder : IEndpointConventionBuilder
        where TBody : notnull =>
        endpoint.WithMetadata(new OpenApiBody(typeof(TBody), contentType)).WithRequestExample(example);

    /// <summary>
    /// A query parameter the handler reads from the request itself (so the API explorer cannot see it), e.g. a
    /// provider's signed call whose parameters are not bound to handler arguments.
    /// </summary>
    public static TBuilder WithQueryParameter<TBuilder>(this TBuilder endpoint, string name, string description, bool required = false)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new OpenApiQueryParameter(name, description, required));

    /// <summary>The scopes a route's authorization metadata names (what <c>RequireScope</c> added), none for an anonymous route.</summary>
    public static IReadOnlyList<string> ScopesOf(IEnumerable<object> endpointMetadata)
    {
        var metadata = endpointMetadata.ToList();
        return metadata.OfType<IAllowAnonymous>().Any()
            ? []
            : metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(Scopes.All.Contains).Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Describe(OpenApiDocument document, string title, string? description)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = title;
        document.Info.Version = DocumentName;
        document.Info.Description = description ?? "JSON is camelCase. Routes that need a scope accept an API key (X-Api-Key or Authorization: Bearer) or a JWT bearer token; webhook and health routes are public.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[ApiKeySchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = PaymentsCredentials.ApiKeyHeader,
            Description = "An API key (at least 32 characters) configured under Auth:ApiKeys with the route's scope.",
        };
        document.Components.SecuritySchemes[BearerSchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer with an API key, or a JWT of the configured issuer (Auth:Jwt) whose scope or scp claim holds the route's scope.",
        };
    }

    private static void AddSecurity(OpenApiOperation operation, OpenApiDocument? document, IList<object> metadata)
    {
        var scopes = ScopesOf(metadata);
        if (scopes.Count == 0)
        {
            return;
        }

        // Either scheme will do (two requirements are alternatives); each names the scope the route needs.
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeySchemeId, document)] = [.. scopes] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeId, document)] = [.. scopes] },
        ];
        var scopeText = string.Join(", ", scopes);
        Describe(operation, StatusCodes.Status401Unauthorized, "No credential, or one that is not accepted (unknown or revoked key, invalid or expired token).");
        Describe(operation, StatusCodes.Status403Forbidden, $"The credential does not hold the scope {scopeText}.");
        operation.Description = string.IsNullOrEmpty(operation.Description)
            ? $"Needs the scope `{scopeText}`."
            : $"{operation.Description}\n\nNeeds the scope `{scopeText}`.";
    }

    private static void Describe(OpenApiOperation operation, int statusCode, string description)
    {
        if (operation.Responses?.TryGetValue(statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
            && response is OpenApiResponse concrete)
        {
            concrete.Description = description;
        }
    }

    private static void AddExamples(OpenApiOperation operation, IList<object> metadata, JsonSerializerOptions json)
    {
        foreach (var example in metadata.OfType<OpenApiExample>())
        {
            IDictionary<string, OpenApiMediaType>? content = example.StatusCode is { } status
                ? operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true ? response.Content : null
                : operation.RequestBody?.Content;
            if (content is null)
            {
                throw new InvalidOperationException(
                    $"{operation.OperationId ?? operation.Summary}: an example for {(example.StatusCode is { } s ? $"answer {s}" : "the request body")}, which the endpoint does not declare (Produces / Accepts).");
            }

            var node = example.Value is string text ? JsonValue.Create(text) : JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), json);
            foreach (var media in content.Values)
            {
                media.Example = node?.DeepClone();
            }
        }
    }

    private static async Task AddBodiesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, IList<object> metadata, CancellationToken cancellationToken)
    {
        foreach (var body in metadata.OfType<OpenApiBody>())
        {
            operation.RequestBody ??= new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) };
            if (operation.RequestBody is OpenApiRequestBody concrete)
            {
                concrete.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
                concrete.Content[body.ContentType] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken) };
            }
        }
    }

    private static void AddQueryParameters(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var parameter in metadata.OfType<OpenApiQueryParameter>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Required = parameter.Required,
                Description = parameter.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    /// <summary>
    /// A route mapped for several methods (RoboKassa's GET or POST) gets its name once per method; an operationId
    /// must be unique (client generators name methods after it), so each then carries its method: <c>RoboKassaResultGet</c>.
    /// </summary>
    private static void DistinguishOperationIds(OpenApiDocument document)
    {
        var operations = document.Paths.Values.SelectMany(item => item.Operations ?? []).Where(o => o.Value.OperationId is not null).ToList();
        foreach (var shared in operations.GroupBy(o => o.Value.OperationId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var (method, operation) in shared)
            {
                operation.OperationId += string.Concat(method.Method[..1].ToUpperInvariant(), method.Method[1..].ToLowerInvariant());
            }
        }
    }

    /// <summary>The health routes are health-check middleware, not route handlers, so the API explorer misses them: they are added here.</summary>
    private static void AddHealth(OpenApiDocument document, IServiceProvider services)
    {
        var mapped = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).ToHashSet(StringComparer.Ordinal);
        var health = new (string Path, string Summary, string Description, bool MayBeDown)[]
        {
            (HealthEndpoints.LivePath, "Liveness", "200 while the process answers; it checks no dependency, so a broker outage never restarts the service.", false),
            (HealthEndpoints.ReadyPath, "Readiness", "200 when RabbitMQ accepts connections, the bus is healthy and the service's database answers; 503 otherwise (degraded is not ready).", true),
        };
        document.Paths ??= [];
        foreach (var (path, summary, description, mayBeDown) in health.Where(h => mapped.Contains(h.Path)))
        {
            var report = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                {
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Healthy"), JsonValue.Create("Degraded"), JsonValue.Create("Unhealthy")] },
                    ["checks"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Items = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                            {
                                ["name"] = new OpenApiSchema { Type = JsonSchemaType.String },
                                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String },
                                ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                            },
                        },
                    },
                },
            };
            var example = JsonNode.Parse("""{"status":"Healthy","checks":[{"name":"rabbitmq","status":"Healthy","description":null}]}""");
            OpenApiResponse Answer(string text) => new()
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = report, Example = example?.DeepClone() } },
            };

            var answers = new OpenApiResponses { ["200"] = Answer("Healthy.") };
            if (mayBeDown)
            {
                answers["503"] = Answer("Not ready: the checks say which dependency is not.");
            }

            document.Paths[path] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = new()
                    {
                        OperationId = summary,
                        Summary = summary,
                        Description = description + " Public: probes carry no credential.",
                        Tags = new HashSet<OpenApiTagReference> { new(HealthTag, document) },
                        Responses = answers,
                    },
                },
            };
        }

        if (document.Paths.Keys.Any(p => p.StartsWith("/health/", StringComparison.Ordinal)))
        {
            document.Tags ??= new HashSet<OpenApiTag>();
            if (!document.Tags.Any(t => t.Name == HealthTag))
            {
                document.Tags.Add(new OpenApiTag { Name = HealthTag, Description = "Liveness and readiness probes." });
            }
        }
    }

    /// <summary>Endpoint metadata: an example of the request body (<see cref="StatusCode"/> null) or of one answer.</summary>
    private sealed record OpenApiExample(int? StatusCode, object Value);

    private sealed record OpenApiBody(Type Type, string ContentType);

    private sealed record OpenApiQueryParameter(string Name, string Description, bool Required);

    /// <summary>The 401 and 403 answers of a route that needs a scope: <c>application/problem+json</c> (<see cref="AccessProblemWriter"/>).</summary>
    internal static IEnumerable<object> RefusalMetadata() =>
    [
        new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [ProblemJson]),
        new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), [ProblemJson]),
    ];
}
