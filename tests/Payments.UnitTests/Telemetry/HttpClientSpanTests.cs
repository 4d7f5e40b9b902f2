using System.Diagnostics;
using Payments.ServiceDefaults.Telemetry;

namespace Payments.UnitTests.Telemetry;

/// <summary>An outgoing request's span names where it went, never the path or query (the game's user check carries a user id and a token there).</summary>
public sealed class HttpClientSpanTests
{
    [Fact]
    public void Only_the_origin_of_the_url_is_kept()
    {
        using var activity = new Activity("GET");
        activity.SetTag("url.full", "https://game.example:8443/api/users/player-7?token=game-api-token-5ecret");

        TelemetryRegistration.KeepOriginOnly(activity);

        Assert.Equal("https://game.example:8443", activity.GetTagItem("url.full"));
    }
}
