using System.Net;
using System.Text.Json;
using Payments.Scenarios.Running;
using Payments.Simulator.Xsolla;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>
/// Xsolla's <c>user_validation</c> end to end: a signed webhook to the Ingress process, <c>ValidateUser</c> over
/// RabbitMQ to the Entitlements process, and Xsolla's answer back — in each <c>Entitlements:UserValidation:Mode</c>.
/// </summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class XsollaUserValidationPathTests(InfrastructureFixture infrastructure)
{
    private const string Account = DistributedSystem.Account;

    [Fact]
    public async Task In_Registry_mode_a_user_named_by_an_order_or_registered_by_the_game_Should_get_204_and_anyone_else_INVALID_USER()
    {
        await using var system = await DistributedSystem.StartAsync(infrastructure);
        var ingress = new Uri(system.Ingress.Url);

        await AssertInvalidUserAsync(ingress, "player-ordered", system);
        await AssertInvalidUserAsync(ingress, "player-registered", system);

        // The game registers the order before it opens Xsolla's checkout: the order names the user.
        await PaymentPath.PlaceOrderAsync(new Uri(system.Orders.Url), Account, "xsolla-order-1", "player-ordered", "sword");
        await WaitForAnswerAsync(ingress, "player-ordered", HttpStatusCode.NoContent, system);

        using (var entitlements = ApiCredentials.Tests.Client(new Uri(system.Entitlements.Url)))
        {
            using var put = await entitlements.PutAsync("/users/player-registered", content: null);
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        using var registered = await SendUserValidationAsync(ingress, "player-registered");
        Assert.True(registered.StatusCode == HttpStatusCode.NoContent, $"{registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}\n{system.Output()}");
        Assert.Empty(await registered.Content.ReadAsByteArrayAsync());

        await AssertInvalidUserAsync(ingress, "player-stranger", system);
    }

    [Fact]
    public async Task The_first_user_check_after_Ingress_reports_ready_Should_be_answered_within_its_budget_on_a_loaded_machine()
    {
        // Every core busy from before the start to the answer; the budget is the product's own (2 s, then 503).
        using var load = CpuLoad.Start(threadsPerCore: 4);
        await using var system = await DistributedSystem.StartAsync(infrastructure);

        await AssertInvalidUserAsync(new Uri(system.Ingress.Url), "player-first-after-start", system);
        Assert.Contains("Answered Ingress's start-up probe of the user check", system.Entitlements.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_AllowAll_mode_any_user_Should_get_204()
    {
        await using var system = await DistributedSystem.StartAsync(infrastructure, new Dictionary<string, string>
        {
            ["Entitlements__UserValidation__Mode"] = "AllowAll",
        });

        using var answer = await SendUserValidationAsync(new Uri(system.Ingress.Url), "player-nobody-registered");

        Assert.True(answer.StatusCode == HttpStatusCode.NoContent, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{system.Output()}");
    }

    [Fact]
    public async Task In_Callback_mode_the_games_answer_Should_decide_and_a_failed_or_slow_check_Should_be_503_SERVER_ERROR_without_a_retry()
    {
        await using var game = await GameUserServer.StartAsync();
        await using var system = await DistributedSystem.StartAsync(infrastructure, new Dictionary<string, string>
        {
            ["Entitlements__UserValidation__Mode"] = "Callback",
            ["Entitlements__UserValidation__CallbackUrl"] = game.CallbackUrl,
            // The service defaults' 1.5 s callback limit (a game's answer within it decides; the slow user's 10 s
            // does not) and, at Ingress, the longest wait Xsolla's 3 s allows, so the fault has time to travel back.
            ["Entitlements__UserValidation__CallbackTimeout"] = "00:00:01.500",
            ["Providers__Xsolla__UserValidationTimeout"] = "00:00:02.900",
        });
        var ingress = new Uri(system.Ingress.Url);

        // The very first callback of a cold Entitlements (HttpClient, connection, JIT) is slow on a loaded machine; one
        // unasserted check first, so the cases below measure the rules, not the cold start (the benchmark measures
        // that). A 0.5 s callback limit here still failed once on a fresh-clone run: a warm check took longer.
        using (await SendUserValidationAsync(ingress, "known-warm-up"))
        {
        }

        using (var known = await SendUserValidationAsync(ingress, "known-player"))
        {
            Assert.True(known.StatusCode == HttpStatusCode.NoContent, $"{known.StatusCode}: {await known.Content.ReadAsStringAsync()}\n{system.Output()}");
        }

        await AssertInvalidUserAsync(ingress, "unknown-player", system);

        foreach (var userId in new[] { "broken-player", "slow-player" })
        {
            using var failed = await SendUserValidationAsync(ingress, userId);

            Assert.True(failed.StatusCode == HttpStatusCode.ServiceUnavailable, $"{userId}: {failed.StatusCode}\n{system.Output()}");
            Assert.Equal("SERVER_ERROR", await ErrorCodeAsync(failed));

            // Entitlements faults the request itself (after at most its 1.5 s callback timeout) rather than leaving
            // Ingress to wait: it says so in its log. Whether the fault beats Ingress's own 2.9 s limit is timing, the
            // benchmark's business — on a heavily loaded machine it may not, and the answer is the same 503 either way.
            await WaitForOutputAsync(system.Entitlements, $"User {userId} could not be checked");
        }

        // The fault travels back: the game's 500 fails the request at once, and Ingress says so.
        Assert.Contains("the ValidateUser request failed", system.Ingress.RecentOutput, StringComparison.Ordinal);

        // A failed check is not retried: the game was asked once per webhook.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal([1, 1, 1, 1], new[] { "known-player", "unknown-player", "broken-player", "slow-player" }.Select(game.CallsFor));
        Assert.DoesNotContain(GameUserServer.Token, system.Output(), StringComparison.Ordinal);
    }

    private static async Task WaitForOutputAsync(ServiceProcess process, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!process.RecentOutput.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"never logged '{text}':\n{process.RecentOutput}");
            await Task.Delay(50);
        }
    }

    private static async Task AssertInvalidUserAsync(Uri ingress, string userId, DistributedSystem system)
    {
        using var answer = await SendUserValidationAsync(ingress, userId);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{userId}: {answer.StatusCode} {body}\n{system.Output()}");
        Assert.Equal("""{"error":{"code":"INVALID_USER","message":"Invalid user"}}""", body);
    }

    /// <summary>Asks until the expected answer comes (what made the user known travels over the bus), or fails after 30 s.</summary>
    private static async Task WaitForAnswerAsync(Uri ingress, string userId, HttpStatusCode expected, DistributedSystem system)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode last;
        do
        {
            using var answer = await SendUserValidationAsync(ingress, userId);
            last = answer.StatusCode;
            if (last == expected)
            {
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"user_validation for {userId} never answered {expected} (last {last})\n{system.Output()}");
    }

    /// <summary>A <c>user_validation</c> webhook as Xsolla sends it, built and signed by the provider simulator.</summary>
    private static async Task<HttpResponseMessage> SendUserValidationAsync(Uri ingress, string userId)
    {
        using var client = new HttpClient { BaseAddress = ingress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = XsollaWebhooks.UserCheck(Account, DistributedSystem.Secrets.XsollaSecret, userId, "Xsolla User").ToHttpRequest(ingress);
        return await client.SendAsync(request);
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage answer)
    {
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetProperty("code").GetString();
    }
}
