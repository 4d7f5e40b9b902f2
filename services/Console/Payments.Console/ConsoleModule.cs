using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Contracts.Access;
using Payments.OperatorConsole.Access;
using Payments.OperatorConsole.Services;
using Payments.ServiceDefaults.Security;

namespace Payments.OperatorConsole;

public static class ConsoleModule
{
    /// <summary>
    /// The operator console's pages under <c>/console</c>, its sign-in (an operator API key with the scope
    /// <c>console</c> exchanged for a session cookie) and its client of the services' APIs. Needs the access
    /// registration (<c>AddPaymentsAccess</c>, part of the service defaults) for the operators' keys. With
    /// <c>Auth:Jwt:Authority</c> and <c>Console:Oidc:ClientId</c>, operators may also sign in with the identity
    /// provider (<see cref="ConsoleOidc"/>).
    /// </summary>
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        services.AddSingleton<ServiceUrls>();
        services.AddSingleton<OperatorAudit>();

        var options = builder.Configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>() ?? new ConsoleOptions();
        services.AddHttpClient<ConsoleApi>((provider, http) =>
        {
            var current = provider.GetRequiredService<IOptions<ConsoleOptions>>().Value;
            http.Timeout = current.RequestTimeout;
            http.DefaultRequestHeaders.TryAddWithoutValidation(PaymentsCredentials.ApiKeyHeader, current.ApiKey);
        });

        var jwt = builder.Configuration.GetSection($"{AuthOptions.SectionName}:Jwt").Get<JwtOptions>() ?? new JwtOptions();
        var oidc = jwt.Enabled && options.Oidc.Configured;
        services.AddSingleton(new ConsoleSignInChoices(oidc));
        var authentication = services.AddAuthentication();
        authentication.AddCookie(PaymentsCredentials.ConsoleScheme, cookie =>
        {
            cookie.Cookie.Name = "payments-console";
            cookie.Cookie.Path = ConsolePaths.Root;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = options.SecureCookie;
            cookie.ExpireTimeSpan = options.SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = ConsolePaths.SignIn;
            cookie.LogoutPath = ConsolePaths.SignOut;
            cookie.AccessDeniedPath = ConsolePaths.SignIn;
            cookie.ReturnUrlParameter = "returnUrl";
        });
        if (oidc)
        {
            ConsoleOidc.Add(authentication, jwt, options);
        }

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "payments-console-antiforgery";
            antiforgery.Cookie.Path = ConsolePaths.Root;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = options.SecureCookie;
        });

        services.AddRazorPages(pages =>
        {
            // Every page needs a signed-in operator; only the sign-in page does not.
            pages.Conventions.AuthorizeFolder("/", Scopes.Console);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
        })
        .AddApplicationPart(typeof(ConsoleModule).Assembly)
        .AddCookieTempDataProvider(tempData =>
        {
            tempData.Cookie.Name = "payments-console-notice";
            tempData.Cookie.Path = ConsolePaths.Root;
            tempData.Cookie.SameSite = SameSiteMode.Strict;
            tempData.Cookie.SecurePolicy = options.SecureCookie;
            tempData.Cookie.IsEssential = true;
        });
        return builder;
    }

    /// <summary>The pages, their style sheet and the security headers every console answer carries.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ConsolePaths.Root), console => console.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(context);
        }));
        app.MapGet(ConsolePaths.StyleSheet, () => Results.Text(ConsoleStyle.Css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        if (app.Services.GetRequiredService<ConsoleSignInChoices>().Oidc)
        {
            ConsoleOidc.Map(app);
        }

        app.MapRazorPages();
        return app;
    }
}
