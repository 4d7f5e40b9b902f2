using System.Diagnostics;
using System.Net;
using System.Text;
using MassTransit.Testing;
using Payments.Contracts.Entitlements;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.Xsolla;

/// <summary><c>user_validation</c> is answered from Entitlements' reply to ValidateUser, and publishes no provider message.</summary>
public sealed class XsollaUserValidationTests : IAsyncLifetime
{
    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync(XsollaSecrets.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Vector_X1_for_a_known_user_is_answered_204_with_the_numeric_id_asked_as_text()
    {
        await FakeUserDirectory.ConnectAsync(_host, knownUsers: "1234567");

        using var response = await _host.PostXsollaAsync(Encoding.UTF8.GetBytes(XsollaVectors.X1Body), XsollaVectors.X1Authorization);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var published = Assert.Single(_host.Harness.Published.Select(_ => true));
        var request = Assert.IsType<ValidateUser>(published.MessageObject);
        Assert.Equal(
            new ValidateUser { Provider = "xsolla", Account = "game1", Environment = "production", UserId = "1234567" },
            request);
    }

    [Fact]
    public async Task Vector_X4_with_a_non_ASCII_body_asks_for_user_42()
    {
        await FakeUserDirectory.ConnectAsync(_host, knownUsers: "42");

        using var response = await _host.PostXsollaAsync(Encoding.UTF8.GetBytes(XsollaVectors.X4Body), XsollaVectors.X4Authorization);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("42", Assert.Single(_host.Harness.Published.Select<ValidateUser>()).Context.Message.UserId);
    }

    [Fact]
    public async Task An_unknown_user_is_answered_400_INVALID_USER_exactly_as_Xsolla_documents()
    {
        await FakeUserDirectory.ConnectAsync(_host, knownUsers: "someone-else");

        using var response = await _host.PostXsollaAsync(Encoding.UTF8.GetBytes(XsollaVectors.X1Body), XsollaVectors.X1Authorization);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"error":{"code":"INVALID_USER","message":"Invalid user"}}""", await response.Content.ReadAsStringAsync());
        Assert.All(_host.Harness.Published.Select(_ => true), m => Assert.Equal(typeof(ValidateUser), m.MessageType));
    }

    [Fact]
    public async Task Without_an_answer_within_the_timeout_it_is_503_SERVER_ERROR_never_INVALID_USER()
    {
        var settings = XsollaSecrets.Settings();
        settings["Providers:Xsolla:UserValidationTimeout"] = "00:00:00.500";
        await using var host = await IngressTestHost.StartAsync(settings);
        var clock = Stopwatch.StartNew();

        using var response = await host.PostXsollaAsync(Encoding.UTF8.GetBytes(XsollaVectors.X1Body), XsollaVectors.X1Authorization);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("SERVER_ERROR", (await XsollaAnswer.ErrorAsync(response)).Code);
        // It waited for the timeout (a lower bound cannot flake under load; speed is the benchmark's business).
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"answered after {clock.Elapsed}, before the 500 ms timeout");
        Assert.All(host.Harness.Published.Select(_ => true), m => Assert.Equal(typeof(ValidateUser), m.MessageType));
    }

    [Fact]
    public async Task When_the_user_check_fails_it_is_503_SERVER_ERROR()
    {
        await FakeUserDirectory.ConnectAsync(_host, fail: true);

        using var response = await _host.PostXsollaAsync(Encoding.UTF8.GetBytes(XsollaVectors.X1Body), XsollaVectors.X1Authorization);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("SERVER_ERROR", (await XsollaAnswer.ErrorAsync(response)).Code);
    }

    [Fact]
    public async Task A_forged_user_validation_is_refused_before_any_user_check()
    {
        await FakeUserDirectory.ConnectAsync(_host, knownUsers: "1234567");

        using var response = await _host.PostXsollaAsync(Encoding.UTF8.GetBytes(XsollaVectors.X1Body), XsollaVectors.X3Authorization);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_SIGNATURE", (await XsollaAnswer.ErrorAsync(response)).Code);
        Assert.True(await _host.PublishedNothingAsync());
    }
}
