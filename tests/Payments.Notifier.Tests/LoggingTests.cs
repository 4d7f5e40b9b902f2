using Payments.Notifier.Tests.Support;
using Payments.Testing;

namespace Payments.Notifier.Tests;

/// <summary>What the logs never hold, at any level: a signing secret, an endpoint's URL (its query may carry a token), a game server's answer.</summary>
public sealed class LoggingTests : ReceiverTest
{

    [Fact]
    public async Task Deliveries_retries_and_redirects_log_the_endpoint_name_and_outcome_only()
    {
        var logs = new LogCapture();
        var settings = NotifierTestHost.Endpoint(Receiver, "game");
        settings["Notifier:Endpoints:game:Url"] = Receiver.UrlOf("game") + "?token=url-token-5ecret";
        settings["Notifier:RetryDelays:0"] = "00:00:00.100";
        settings["Notifier:RetryDelays:1"] = "00:00:00.100";
        Receiver.Behave("game", (_, nth) => nth switch
        {
            1 => new WebhookAnswer(500, Body: "answer-body-5ecret"),
            2 => 303,
            _ => new WebhookAnswer(200, Body: "answer-body-5ecret"),
        });
        await using (var host = await NotifierTestHost.StartOnSqliteAsync(Folder, settings, logs: logs))
        {
            await host.PublishAsync(Outcomes.Granted("logs-1"), Guid.NewGuid());
            await host.WaitSettledAsync(1);
        }

        var text = logs.Text;
        Assert.Contains("to game: succeeded (200)", text, StringComparison.Ordinal);
        Assert.Contains("to game: rejected (500)", text, StringComparison.Ordinal);
        foreach (var secret in NotifierTestHost.Secrets)
        {
            Assert.DoesNotContain(secret["whsec_".Length..], text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("url-token-5ecret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("redirect-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Receiver.UrlOf("game"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("answer-body-5ecret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("player-logs-1", text, StringComparison.Ordinal);
    }
}
