using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Payments.Standalone;

/// <summary>Tells a newcomer, once the host listens, how to put one payment through it.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app, bool developmentSecrets)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Standalone");
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? "http://localhost:5080";
        if (!developmentSecrets)
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

              curl -s -X POST {{url}}/orders -H 'Content-Type: application/json' \
                -d '{"provider":"rustore","account":"{{DevelopmentSecrets.Account}}","providerOrderId":"demo-1","userId":"player-1","items":[{"sku":"sword","quantity":1}]}'

              curl -s -i -X POST {{url}}/webhooks/rustore/{{DevelopmentSecrets.Account}} -H 'Content-Type: application/json' \
                -d '{{body}}'

              curl -s {{url}}/orders/rustore/{{DevelopmentSecrets.Account}}/demo-1
              curl -s {{url}}/users/player-1/entitlements

            The notification above is encrypted with the development key {{DevelopmentSecrets.RuStoreKey}}
            (README.md shows how to encrypt your own with Node.js).

            RoboKassa (Password#2 '{{DevelopmentSecrets.RoboKassaPassword2}}', MD5), after registering robokassa order 1002 for player-1 (POST /orders as above):
              curl -s '{{url}}/webhooks/robokassa/{{DevelopmentSecrets.Account}}/result?{{roboKassa}}'     # answers OK1002
            Xsolla: secret '{{DevelopmentSecrets.XsollaSecret}}'; Authorization: Signature sha1(body + secret).

            """);
    }
}
