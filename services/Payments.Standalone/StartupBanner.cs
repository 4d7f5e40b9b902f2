using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Payments.Contracts.Access;
using Payments.ServiceDefaults.Security;

namespace Payments.Standalone;

/// <summary>Tells a newcomer, once the host listens, how to put one payment through it.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app, DevelopmentDefaults development)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Standalone");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var url = addresses.FirstOrDefault() ?? "http://localhost:5080";

        // The addresses bound, not only the configured ones: a binding the start-up check could not foresee still stops the host.
        if (StandaloneDefaults.LoopbackOnly(app.Configuration, development)
            && addresses.FirstOrDefault(a => !StandaloneDefaults.IsLoopback(a)) is { } exposed)
        {
            logger.LogCritical(
                "Stopping: listening on {Address} with {Defaults}; configure Providers and Auth, listen on loopback only, or set {Setting}=true",
                exposed, development.Describe(), StandaloneDefaults.AllowPublicDevelopmentSecretsSetting);
            Environment.ExitCode = 1;
            app.Lifetime.StopApplication();
            return;
        }

        var apiKey = development.ApiKey ? ApiKey.StandaloneDevelopmentKey : "$PAYMENTS_API_KEY";
        if (development.ApiKey)
        {
            logger.LogWarning(
                "DEVELOPMENT API KEY IN USE: no {Section} section is configured, so the published key of README.md has every scope; never expose this host",
                AuthOptions.SectionName);
        }

        if (!development.ProviderSecrets)
        {
            logger.LogInformation("Payments standalone host on {Url} with the configured provider accounts", url);
            return;
        }

        logger.LogWarning(
            "DEVELOPMENT SECRETS IN USE: no Providers section is configured, so account '{Account}' uses the public keys of README.md. Never expose this host.",
            DevelopmentSecrets.Account);
        var body = DemoNotification.RuStoreBody("demo-1", "confirmed", "sword");
        var roboKassa = DemoNotification.RoboKassaResultQuery("1002", "100.00", "player-1");
        Console.WriteLine($$"""

            Payments standalone host listening on {{url}}
            Try one payment (RuStore account '{{DevelopmentSecrets.Account}}'):

              curl -s -X POST {{url}}/orders -H 'X-Api-Key: {{apiKey}}' -H 'Content-Type: application/json' \
                -d '{"provider":"rustore","account":"{{DevelopmentSecrets.Account}}","providerOrderId":"demo-1","userId":"player-1","items":[{"sku":"sword","quantity":1}]}'

              curl -s -i -X POST {{url}}/webhooks/rustore/{{DevelopmentSecrets.Account}} -H 'Content-Type: application/json' \
                -d '{{body}}'

              curl -s -H 'X-Api-Key: {{apiKey}}' {{url}}/orders/rustore/{{DevelopmentSecrets.Account}}/demo-1
              curl -s -H 'X-Api-Key: {{apiKey}}' {{url}}/users/player-1/entitlements

            Every route outside /webhooks and /health needs an API key; {{(development.ApiKey ? "this one is the development key (every scope)" : "use one configured under Auth")}}.

            The notification above is encrypted with the development key {{DevelopmentSecrets.RuStoreKey}}
            (README.md shows how to encrypt your own with Node.js).

            RoboKassa (Password#2 '{{DevelopmentSecrets.RoboKassaPassword2}}', MD5), after registering robokassa order 1002 for player-1 (POST /orders as above):
              curl -s '{{url}}/webhooks/robokassa/{{DevelopmentSecrets.Account}}/result?{{roboKassa}}'     # answers OK1002
            Xsolla: secret '{{DevelopmentSecrets.XsollaSecret}}'; Authorization: Signature sha1(body + secret).

            {{ConsoleLine(app, url, development)}}

            """);
    }

    private static string ConsoleLine(WebApplication app, string url, DevelopmentDefaults development) =>
        !StandaloneDefaults.ConsoleEnabled(app.Configuration)
            ? "Operator console: off (set Console:ApiKey to a key with the console's scopes to mount it at /console)."
            : development.ApiKey
                ? $"Operator console: {url.TrimEnd('/')}/console (sign in with the development API key above)."
                : $"Operator console: {url.TrimEnd('/')}/console (sign in with an operator key that has the scope console).";
}
