using Microsoft.AspNetCore.Http;
using Payments.Notifier.Tests.Support;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Payments.Testing;

namespace Payments.Notifier.Tests;

/// <summary>
/// Real deliveries, captured by a loopback receiver, verified by the Standard Webhooks reference library for
/// JavaScript (npm <c>standardwebhooks</c>, run by node): what a game server written in another language would do.
/// </summary>
public sealed class SignatureTests : ReceiverTest
{

    [Fact]
    public async Task Every_delivery_verifies_with_either_secret_of_a_rotation_and_fails_when_tampered_or_under_another_secret()
    {
        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, NotifierTestHost.Endpoint(Receiver, "game"));
        await host.PublishAsync(Outcomes.Granted("sig-1"), Guid.NewGuid());
        await host.PublishAsync(Outcomes.Revoked("sig-1"), Guid.NewGuid());
        await host.PublishAsync(Outcomes.StatusChanged("sig-1", "paid", "refunded"), Guid.NewGuid());
        Assert.Equal(202, (await host.PostAsync("/notifier/endpoints/game/test")).Status);
        await Receiver.WaitForAsync(r => r.Count(x => x.Acknowledged) == 4, "four deliveries");
        var deliveries = Receiver.Received;

        // A game server that knows only the current secret, and one that still knows only the previous one.
        Assert.All(await NodeVerifier.VerifyAsync(deliveries, NotifierTestHost.Secrets[0]), verdict => Assert.True(verdict.Ok, verdict.Error));
        Assert.All(await NodeVerifier.VerifyAsync(deliveries, NotifierTestHost.Secrets[1]), verdict => Assert.True(verdict.Ok, verdict.Error));

        // The check can fail: one changed byte of the body, or a secret that is not configured.
        var tampered = await NodeVerifier.VerifyAsync(deliveries, NotifierTestHost.Secrets[0], body => body.Replace("sig-1", "sig-2", StringComparison.Ordinal));
        var changed = tampered.Where(v => deliveries.Single(d => d.Id == v.Id).Body.Contains("sig-1", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, changed.Count);
        Assert.All(changed, verdict => Assert.False(verdict.Ok));
        var stranger = "whsec_" + Convert.ToBase64String(new byte[32]);
        Assert.All(await NodeVerifier.VerifyAsync(deliveries, stranger), verdict => Assert.False(verdict.Ok));
    }

    [Fact]
    public async Task A_game_server_on_dotnet_verifies_with_either_secret_using_the_StandardWebhooks_package()
    {
        // The .NET library skips the last entry of a multi-signature header; the Notifier repeats the first entry at
        // the end, so a receiver holding only the second secret verifies too.
        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, NotifierTestHost.Endpoint(Receiver, "game"));
        await host.PublishAsync(Outcomes.Granted("sig-net"), Guid.NewGuid());
        await Receiver.WaitForAsync(r => r.Any(x => x.Acknowledged), "the delivery");
        var delivery = Receiver.Received.Single();
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = delivery.Id,
            ["webhook-timestamp"] = delivery.Timestamp,
            ["webhook-signature"] = delivery.Signature,
        };

        foreach (var secret in NotifierTestHost.Secrets)
        {
            new StandardWebhook(secret).Verify(delivery.Body, headers);
        }

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(NotifierTestHost.Secrets[1]).Verify(delivery.Body + " ", headers));
    }
}
