using Payments.Testing;
using MassTransit;
using Microsoft.Extensions.Options;
using Payments.Entitlements.Tests.Support;

namespace Payments.Entitlements.Tests.Users;

/// <summary>Entitlements' answer to ValidateUser in each <c>Entitlements:UserValidation:Mode</c>, over the bus as Ingress asks it.</summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class UserValidationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task In_Registry_mode_a_user_Should_be_known_once_an_order_names_them_or_the_game_registers_them()
    {
        await using var host = await StartAsync();

        Assert.Equal(ValidateUserAnswer.Unknown, await host.ValidateAsync("user-paid"));
        Assert.Equal(ValidateUserAnswer.Unknown, await host.ValidateAsync("user-placed"));
        Assert.Equal(ValidateUserAnswer.Unknown, await host.ValidateAsync("user-put"));

        await host.Bus.Publish(TestOrders.Paid("user-paid", "order-paid"));
        await host.PaidDeliveries.WaitForCompletedAsync(1);
        await host.Bus.Publish(TestOrders.Placed("user-placed", "order-placed"));
        await host.PlacedDeliveries.WaitForCompletedAsync(1);
        using var put = await host.Http.PutAsync("/users/user-put", content: null);

        Assert.Equal(ValidateUserAnswer.Known, await host.ValidateAsync("user-paid"));
        Assert.Equal(ValidateUserAnswer.Known, await host.ValidateAsync("user-placed"));
        Assert.Equal(ValidateUserAnswer.Known, await host.ValidateAsync("user-put"));
        Assert.Equal(ValidateUserAnswer.Unknown, await host.ValidateAsync("user-never"));
        Assert.Equal(ValidateUserAnswer.Unknown, await host.ValidateAsync(new string('u', 300)));
    }

    [Fact]
    public async Task In_AllowAll_mode_every_user_Should_be_known()
    {
        await using var host = await StartAsync(new() { ["Entitlements:UserValidation:Mode"] = "AllowAll" });

        Assert.Equal(ValidateUserAnswer.Known, await host.ValidateAsync("anyone-at-all"));
    }

    [Fact]
    public async Task In_Callback_mode_200_and_204_Should_be_known_and_404_unknown()
    {
        await using var game = await GameUserServer.StartAsync();
        await using var host = await StartCallbackAsync(game);

        Assert.Equal(ValidateUserAnswer.Known, await host.ValidateAsync("known-1"));
        Assert.Equal(ValidateUserAnswer.Known, await host.ValidateAsync("ok-1"));
        Assert.Equal(ValidateUserAnswer.Unknown, await host.ValidateAsync("unknown-1"));

        // The id is escaped into the path, so it reaches the game as it was sent.
        Assert.Equal(ValidateUserAnswer.Known, await host.ValidateAsync("known-ä b?c&token=x#y"));
        Assert.Equal(1, game.CallsFor("known-ä b?c&token=x#y"));
    }

    [Fact]
    public async Task A_warm_up_probe_Should_be_answered_unknown_without_asking_the_game_even_for_a_user_the_game_knows()
    {
        await using var game = await GameUserServer.StartAsync();
        await using var host = await StartCallbackAsync(game);

        Assert.Equal(ValidateUserAnswer.Unknown, await host.ValidateAsync("known-probe", warmup: true));
        Assert.Equal(0, game.CallsFor("known-probe"));
        Assert.Equal(ValidateUserAnswer.Known, await host.ValidateAsync("known-probe"));
        Assert.Equal(1, game.CallsFor("known-probe"));
    }

    [Theory]
    [InlineData("broken-1")]
    [InlineData("moved-1")]
    [InlineData("slow-1")]
    public async Task In_Callback_mode_a_failed_check_Should_fault_the_request_at_once_and_call_the_game_once(string userId)
    {
        await using var game = await GameUserServer.StartAsync();
        await using var host = await StartCallbackAsync(game);
        await Assert.ThrowsAsync<RequestFaultException>(() => host.ValidateAsync(userId));

        // The fault is not retried by the bus: long after it, the game was still asked exactly once.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(1, game.CallsFor(userId));

        var logs = host.Logs.Text;
        Assert.Contains($"User {userId} could not be checked", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(GameUserServer.Token, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_mode_without_a_url_Should_stop_the_start_with_a_message_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["Entitlements:UserValidation:Mode"] = "Callback" }));

        Assert.Contains("Entitlements:UserValidation:CallbackUrl is required", failure.Message, StringComparison.Ordinal);
    }

    private async Task<EntitlementsTestHost> StartCallbackAsync(GameUserServer game) =>
        await StartAsync(new()
        {
            ["Entitlements:UserValidation:Mode"] = "Callback",
            ["Entitlements:UserValidation:CallbackUrl"] = game.CallbackUrl,
            ["Entitlements:UserValidation:CallbackTimeout"] = "00:00:00.500",
        });

    private async Task<EntitlementsTestHost> StartAsync(Dictionary<string, string?>? settings = null) =>
        await EntitlementsTestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("entitlements"), settings);
}
