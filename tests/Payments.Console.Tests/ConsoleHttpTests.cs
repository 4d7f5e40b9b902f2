using System.Net;
using System.Text.RegularExpressions;

namespace Payments.Console.Tests;

/// <summary>The console's sign-in, session cookie, antiforgery and headers, over plain HTTP against the standalone host.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleHttpTests(ConsoleSystem system)
{
    [Fact]
    public async Task Signing_in_sets_an_HttpOnly_SameSite_Strict_session_cookie_scoped_to_the_console()
    {
        using var http = Client(out var _);
        using var answer = await SignInAsync(http, ConsoleSystem.Operator.Key);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/console", answer.Headers.Location!.OriginalString);
        var session = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("payments-console=", StringComparison.Ordinal));
        Assert.Contains("path=/console", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", session, StringComparison.OrdinalIgnoreCase); // a browser-session cookie

        using var page = await http.GetAsync("/console/find");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task An_API_key_sent_as_a_header_never_opens_a_console_page()
    {
        using var http = Client(out var _);
        http.DefaultRequestHeaders.Add("X-Api-Key", ConsoleSystem.Operator.Key);
        using var answer = await http.GetAsync("/console/find");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/console/sign-in", answer.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_or_an_action_without_the_antiforgery_token_is_refused()
    {
        using var http = Client(out var _);
        using var forged = await http.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = ConsoleSystem.Operator.Key }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(forged.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("payments-console=", StringComparison.Ordinal));

        using var signedIn = await SignInAsync(http, ConsoleSystem.Operator.Key);
        using var action = await http.PostAsync(
            "/console/confirm",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "replay", ["orderId"] = Guid.NewGuid().ToString(), ["messageId"] = Guid.NewGuid().ToString() }));
        Assert.Equal(HttpStatusCode.BadRequest, action.StatusCode);
        Assert.DoesNotContain("asked replay", system.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_is_recorded_without_the_key()
    {
        using var http = Client(out var _);
        using var answer = await SignInAsync(http, ConsoleSystem.Reader.Key);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode); // the form again, with the refusal
        Assert.Contains("key reader lacks the scope console", system.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(ConsoleSystem.Reader.Key, system.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(ConsoleSystem.Operator.Key, system.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_identity_provider_the_sign_in_page_offers_only_the_key()
    {
        using var http = Client(out var _);
        var form = await http.GetStringAsync("/console/sign-in");
        Assert.Contains("id=\"apiKey\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("sign-in-oidc", form, StringComparison.Ordinal);
        using var challenge = await http.GetAsync("/console/sign-in/oidc");
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
        using var callback = await http.GetAsync("/console/signin-oidc?code=x&state=y");
        Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
    }

    private HttpClient Client(out CookieContainer jar)
    {
        jar = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = system.Url };
    }

    /// <summary>Fetches the form (its antiforgery token and cookie), then posts the key.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string key)
    {
        var form = await http.GetStringAsync("/console/sign-in");
        var token = AntiforgeryToken().Match(form).Groups["token"].Value;
        Assert.NotEmpty(token);
        return await http.PostAsync(
            "/console/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = key, ["__RequestVerificationToken"] = token }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
