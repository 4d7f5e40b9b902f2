using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Contracts.Access;

namespace Payments.ServiceDefaults.Security;

public static class AccessRegistration
{
    /// <summary>
    /// API keys and, with <c>Auth:Jwt:Authority</c>, JWT bearer tokens, and one authorization policy per scope, named
    /// as the scope. Every route names its scope or <c>AllowAnonymous</c> (webhooks, health): one that names neither
    /// stops the start (<see cref="AccessStartupCheck"/>), so a new route cannot be open by omission.
    /// </summary>
    public static IHostApplicationBuilder AddPaymentsAccess(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyCatalog>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessProblemWriter>();
        services.AddTransient<IStartupFilter, AccessStartupCheck>();

        var jwt = builder.Configuration.GetSection($"{AuthOptions.SectionName}:Jwt").Get<JwtOptions>() ?? new JwtOptions();
        var authentication = services.AddAuthentication(PaymentsCredentials.Scheme)
            .AddPolicyScheme(PaymentsCredentials.Scheme, null, scheme =>
                scheme.ForwardDefaultSelector = context => PaymentsCredentials.SchemeFor(context.Request, jwt.Enabled))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(PaymentsCredentials.ApiKeyScheme, null);
        if (jwt.Enabled)
        {
            authentication.AddJwtBearer(PaymentsCredentials.JwtScheme, bearer =>
            {
                bearer.Authority = jwt.Authority;
                bearer.Audience = jwt.Audience;
                bearer.RequireHttpsMetadata = !Uri.TryCreate(jwt.Authority, UriKind.Absolute, out var authority) || !authority.IsLoopback;
                bearer.MapInboundClaims = false; // keep "scope" and "scp" as the issuer wrote them
                bearer.TokenValidationParameters.NameClaimType = "sub";
                bearer.TokenValidationParameters.RequireExpirationTime = true;
                bearer.TokenValidationParameters.RequireSignedTokens = true;
                bearer.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);

                // An identity provider signs with its private key: a token "signed" with a shared secret (HS256,
                // perhaps the public key used as one) or not at all is never one of its tokens.
                bearer.TokenValidationParameters.ValidAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
            });
        }

        services.AddAuthorizationBuilder().AddScopePolicies();
        return builder;
    }

    /// <summary>The route needs a caller holding <paramref name="scope"/> (one of <see cref="Scopes"/>).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Scopes.All.Contains(scope))
        {
            throw new ArgumentException($"'{scope}' is not one of the scopes in {nameof(Scopes)}.", nameof(scope));
        }

        // Its refusals are part of its interface: the OpenAPI document lists them (PaymentsOpenApi).
        return endpoint.RequireAuthorization(scope).WithMetadata([.. OpenApi.PaymentsOpenApi.RefusalMetadata()]);
    }

    private static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(scope == Scopes.Console ? PaymentsCredentials.ConsoleScheme : PaymentsCredentials.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scope)));
        }

        return authorization;
    }
}
