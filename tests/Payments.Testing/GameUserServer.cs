using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Payments.Testing;

/// <summary>
/// A game's own user endpoint on a loopback port, for <c>Entitlements:UserValidation:Mode = Callback</c>:
/// <c>GET /api/users/{userId}</c> answers by the id's prefix — <c>known-</c> 204, <c>ok-</c> 200 with a body,
/// <c>unknown-</c> 404, <c>broken-</c> 500, <c>moved-</c> 302 to a known user, <c>slow-</c> 204 after 10 s — and
/// counts the calls per user id.
/// </summary>
public sealed class GameUserServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _calls;

    private GameUserServer(WebApplication app, ConcurrentDictionary<string, int> calls)
    {
        _app = app;
        _calls = calls;
    }

    public string BaseUrl => _app.Urls.First();

    /// <summary>The value for <c>Entitlements:UserValidation:CallbackUrl</c>, with a query token that must never be logged.</summary>
    public string CallbackUrl => $"{BaseUrl}/api/users/{{userId}}?token={Token}";

    public const string Token = "game-api-token-5ecret";

    public int CallsFor(string userId) => _calls.GetValueOrDefault(userId);

    public static async Task<GameUserServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        app.MapGet("/api/users/{userId}", async (string userId, string? token, HttpContext http) =>
        {
            calls.AddOrUpdate(userId, 1, (_, n) => n + 1);
            if (token != Token)
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            if (userId.StartsWith("slow-", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted);
                return Results.NoContent();
            }

            return userId switch
            {
                _ when userId.StartsWith("known-", StringComparison.Ordinal) => Results.NoContent(),
                _ when userId.StartsWith("ok-", StringComparison.Ordinal) => Results.Ok(new { id = userId, name = "Player" }),
                _ when userId.StartsWith("unknown-", StringComparison.Ordinal) => Results.NotFound(),
                _ when userId.StartsWith("moved-", StringComparison.Ordinal) => Results.Redirect($"/api/users/known-{userId}?token={Token}"),
                _ => Results.StatusCode(StatusCodes.Status500InternalServerError),
            };
        });
        await app.StartAsync();
        return new GameUserServer(app, calls);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
