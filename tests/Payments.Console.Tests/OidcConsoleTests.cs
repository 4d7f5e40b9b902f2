using System.Net;
using Payments.Contracts.Access;
using Payments.Testing;

namespace Payments.Console.Tests;

/// <summary>
/// The standalone host with <c>Auth:Jwt</c> pointing at a local identity provider and <c>Console:Oidc:ClientId</c>
/// set: operators may sign in there. The provider listens on <c>localhost</c>, the host on 127.0.0.1: another site
/// for the browser, as a real provider is.
/// </summary>
public sealed class OidcConsoleSystem : ConsoleSystem
{
    public const string ClientId = "payments-console";
    public const string ClientSecret = "console-tests-oidc-client-secret-000001";
    public const string Audience = "payments-api";

    public LocalIdentityProvider IdentityProvider { get; } = StartProvider();

    protected override IReadOnlyDictionary<string, string> MoreSettings() => new Dictionary<string, string>
    {
        ["Auth__Jwt__Authority"] = IdentityProvider.Authority,
        ["Auth__Jwt__Audience"] = Audience,
        ["Console__Oidc__ClientId"] = ClientId,
        ["Console__Oidc__ClientSecret"] = ClientSecret,
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await IdentityProvider.DisposeAsync();
    }

    private static LocalIdentityProvider StartProvider()
    {
        var provider = LocalIdentityProvider.Start("localhost");
        provider.ClientId = ClientId;
        provider.ClientSecret = ClientSecret;
        provider.AccessTokenAudience = Audience;
        return provider;
    }
}

[CollectionDefinition(Name)]
public sealed class OidcConsoleCollection : ICollectionFixture<OidcConsoleSystem>
{
    public const string Name = "console-oidc";
}

/// <summary>Signing in with the identity provider, in the browser and over plain HTTP.</summary>
[Collection(OidcConsoleCollection.Name)]
public sealed class OidcConsoleTests(OidcConsoleSystem system)
{
    [Fact]
    public async Task An_operator_granted_console_signs_in_with_the_identity_provider_and_lands_on_the_overview_under_their_name()
    {
        system.IdentityProvider.SignedInUser = new LocalUser("sub-carol-1", "carol", "Carol Operator", ["openid", "profile", Scopes.Console]);
        await using var browser = await ConsoleBrowser.OpenAsync(system);
        await browser.Page.GotoAsync("/console/find");
        Assert.Contains("/console/sign-in", browser.Page.Url, StringComparison.Ordinal);
        await browser.ScreenshotAsync("sign-in-with-identity-provider");

        // Through the provider's page (the way back starts on its site, so the browser withholds the Strict session
        // cookie on the callback's redirects) and the landing page, which moves on by itself.
        system.IdentityProvider.ContinueWithALink = true;
        try
        {
            await browser.Page.ClickAsync("[data-testid=sign-in-oidc]");
            await browser.Page.ClickAsync("#continue");
        }
        finally
        {
            system.IdentityProvider.ContinueWithALink = false;
        }

        await browser.Page.WaitForURLAsync(url => url.EndsWith("/console/find", StringComparison.Ordinal), new() { Timeout = 15_000 });
        Assert.Equal("carol", await browser.Page.GetByTestId("operator").InnerTextAsync());
        await AssertLoggedAsync("Operator carol signed in");
        await browser.GotoAsync("/console");
        Assert.Equal("carol", await browser.Page.GetByTestId("operator").InnerTextAsync());
        browser.AssertClean();

        // The API key sign-in is still there, and signing out ends the console's session.
        await browser.Page.ClickAsync("text=Sign out");
        await browser.Page.WaitForURLAsync(url => url.EndsWith("/console/sign-in", StringComparison.Ordinal));
        Assert.Equal(1, await browser.Page.Locator("#apiKey").CountAsync());
        await browser.Page.GotoAsync("/console");
        Assert.Contains("/console/sign-in", browser.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_the_provider_did_not_grant_console_is_refused_with_the_sign_in_message_and_an_audit_line()
    {
        system.IdentityProvider.SignedInUser = new LocalUser("sub-dave-1", "dave", null, ["openid", Scopes.OrdersRead]);
        await using var browser = await ConsoleBrowser.OpenAsync(system);
        await browser.Page.GotoAsync("/console");
        await browser.Page.ClickAsync("[data-testid=sign-in-oidc]");
        await browser.Page.WaitForURLAsync(url => url.Contains("refused=1", StringComparison.Ordinal), new() { Timeout = 15_000 });

        Assert.Contains("/console/sign-in", browser.Page.Url, StringComparison.Ordinal);
        Assert.Contains("not accepted", await browser.Page.GetByTestId("sign-in-error").InnerTextAsync(), StringComparison.Ordinal);
        await AssertLoggedAsync("sign-in refused: identity provider user dave: not granted the scope console");
        await browser.Page.GotoAsync("/console/find");
        Assert.Contains("/console/sign-in", browser.Page.Url, StringComparison.Ordinal);
        browser.AssertClean();
    }

    [Fact]
    public async Task The_flow_uses_the_code_with_PKCE_answered_by_query_and_the_session_cookie_stays_HttpOnly_and_SameSite_Strict()
    {
        // Without preferred_username, the operator is named by "name".
        system.IdentityProvider.SignedInUser = new LocalUser("sub-erin-1", null, "Erin Example", [Scopes.Console]);
        using var http = Client(out _);
        using var challenge = await http.GetAsync("/console/sign-in/oidc?returnUrl=%2Fconsole%2Fdead-letters");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(system.IdentityProvider.Authority + "/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.True(query["response_mode"] is null or "query", query["response_mode"]); // query is the code flow's default
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(new Uri(system.Url, "/console/signin-oidc").AbsoluteUri, query["redirect_uri"]);
        Assert.Contains(Scopes.Console, query["scope"]!.Split(' '));
        foreach (var cookie in challenge.Headers.GetValues("Set-Cookie"))
        {
            // The handler's correlation and nonce cookies must come back on the provider's cross-site redirect: Lax.
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        }

        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var back = await provider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var redeemed = system.IdentityProvider.CodesRedeemed;

        using var callback = await http.GetAsync(back.Headers.Location);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"{callback.StatusCode}\n{system.RecentOutput}");
        Assert.Equal(redeemed + 1, system.IdentityProvider.CodesRedeemed);
        Assert.Equal("/console/sign-in/done?returnUrl=%2Fconsole%2Fdead-letters", callback.Headers.Location!.OriginalString);
        var session = callback.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("payments-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", session, StringComparison.OrdinalIgnoreCase);

        // The landing page moves on by itself (a same-site navigation that carries the Strict cookie).
        var landing = await http.GetStringAsync(callback.Headers.Location);
        Assert.Contains("http-equiv=\"refresh\" content=\"0;url=/console/dead-letters\"", landing, StringComparison.Ordinal);
        var overview = await http.GetStringAsync("/console");
        Assert.Contains("Erin Example", overview, StringComparison.Ordinal);

        // A code is good once: the same callback again is refused.
        using var again = await http.GetAsync(back.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/console/sign-in?refused=1", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_access_token_for_another_audience_does_not_grant_console_whatever_its_scope()
    {
        system.IdentityProvider.SignedInUser = new LocalUser("sub-frank-1", "frank", null, [Scopes.Console]);
        system.IdentityProvider.AccessTokenAudience = "another-api";
        try
        {
            using var http = Client(out _);
            using var challenge = await http.GetAsync("/console/sign-in/oidc");
            using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            using var back = await provider.GetAsync(challenge.Headers.Location);
            using var callback = await http.GetAsync(back.Headers.Location);

            Assert.Equal("/console/sign-in?refused=1", callback.Headers.Location!.OriginalString);
            Assert.DoesNotContain(callback.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("payments-console=", StringComparison.Ordinal));
            await AssertLoggedAsync("sign-in refused: identity provider user frank: the access token is not valid here");
        }
        finally
        {
            system.IdentityProvider.AccessTokenAudience = OidcConsoleSystem.Audience;
        }
    }

    [Fact]
    public async Task A_callback_without_a_valid_state_is_refused_without_a_session()
    {
        using var http = Client(out _);
        using var forged = await http.GetAsync("/console/signin-oidc?code=stolen-or-made-up&state=not-a-state-of-this-browser");

        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal("/console/sign-in?refused=1", forged.Headers.Location!.OriginalString);
        Assert.DoesNotContain(forged.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("payments-console=", StringComparison.Ordinal));
        await AssertLoggedAsync("sign-in refused: identity provider sign-in failed");
        using var page = await http.GetAsync("/console/find");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task A_provider_that_denies_the_sign_in_leaves_the_operator_on_the_sign_in_page()
    {
        system.IdentityProvider.SignedInUser = null;
        using var http = Client(out _);
        using var challenge = await http.GetAsync("/console/sign-in/oidc");
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var back = await provider.GetAsync(challenge.Headers.Location);
        Assert.Contains("error=access_denied", back.Headers.Location!.Query, StringComparison.Ordinal);

        using var callback = await http.GetAsync(back.Headers.Location);
        Assert.Equal("/console/sign-in?refused=1", callback.Headers.Location!.OriginalString);
        var page = await http.GetStringAsync(callback.Headers.Location);
        Assert.Contains("data-testid=\"sign-in-error\"", page, StringComparison.Ordinal);
    }

    /// <summary>The host's log reaches the test a moment after the answer: waits for the line (5 s).</summary>
    private async Task AssertLoggedAsync(string line)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!system.RecentOutput.Contains(line, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(system.RecentOutput.Contains(line, StringComparison.Ordinal), $"not logged: {line}\n{system.RecentOutput}");
    }

    private HttpClient Client(out CookieContainer jar)
    {
        jar = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = system.Url };
    }
}
