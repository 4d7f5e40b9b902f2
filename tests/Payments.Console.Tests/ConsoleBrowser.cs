using Microsoft.Playwright;

namespace Payments.Console.Tests;

/// <summary>
/// One signed-in (or not) browser session on the console. It records every console error, uncaught page error and
/// failed request of the console's own pages, and checks every link a visited page shows: a test fails on any of
/// them (<see cref="AssertCleanAsync"/>).
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    private readonly ConsoleSystem _system;
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _links = new(StringComparer.Ordinal);

    private ConsoleBrowser(ConsoleSystem system, IBrowserContext context, IPage page)
    {
        _system = system;
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Add($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Add($"page error on {page.Url}: {error}");
        page.RequestFailed += (_, request) => _problems.Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !ExpectedRefusals.Contains(response.Status))
            {
                _problems.Add($"{response.Status} for {response.Request.Method} {response.Url}");
            }
        };
    }

    /// <summary>Answers a test provokes on purpose (refused sign-in renders with 200; a 404 page is asked for).</summary>
    public HashSet<int> ExpectedRefusals { get; } = [];

    public IPage Page { get; }

    public static async Task<ConsoleBrowser> OpenAsync(ConsoleSystem system)
    {
        var context = await system.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = system.Url.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return new ConsoleBrowser(system, context, await context.NewPageAsync());
    }

    public async Task SignInAsync(string apiKey)
    {
        await Page.GotoAsync("/console");
        Assert.EndsWith("/console/sign-in?returnUrl=%2Fconsole", Page.Url, StringComparison.Ordinal);
        await Page.FillAsync("#apiKey", apiKey);
        await Page.ClickAsync("button[type=submit]");
    }

    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path}: {response?.Status}\n{_system.RecentOutput}");
        await CollectLinksAsync();
    }

    public async Task ClickAsync(string selector)
    {
        try
        {
            await Page.ClickAsync(selector);
            await Page.WaitForLoadStateAsync(LoadState.Load);
        }
        catch (TimeoutException e)
        {
            var shown = await Page.Locator("main").CountAsync() > 0 ? await Page.InnerTextAsync("main", new PageInnerTextOptions { Timeout = 2000 }) : "(no page)";
            throw new TimeoutException($"{e.Message}\nat {Page.Url}:\n{shown}\n{_system.RecentOutput}", e);
        }

        await CollectLinksAsync();
    }

    /// <summary>Reloads until the element with <paramref name="testId"/> contains <paramref name="text"/> (30 s).</summary>
    public async Task WaitForTextAsync(string testId, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var locator = Page.GetByTestId(testId);
            if (await locator.CountAsync() > 0 && (await locator.AllInnerTextsAsync()).Any(t => t.Contains(text, StringComparison.Ordinal)))
            {
                await CollectLinksAsync();
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"'{text}' never appeared in [data-testid={testId}] of {Page.Url}:\n{await Page.InnerTextAsync("main")}\n{_system.RecentOutput}");
            }

            await Task.Delay(250);
            await Page.ReloadAsync();
        }
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleSystem.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>No console error, page error, failed request or service error so far, and no broken link on any page seen.</summary>
    public void AssertClean() => Assert.True(_problems.Count == 0, string.Join("\n", _problems));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private async Task CollectLinksAsync()
    {
        // A service the page could not reach or that refused the console is a failure too, shown on the page.
        foreach (var failure in await Page.GetByTestId("service-error").AllInnerTextsAsync())
        {
            _problems.Add($"service error on {Page.Url}: {failure}");
        }

        foreach (var href in await Page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)"))
        {
            // Each link is followed once, when a page first shows it (what it points at may change later, by design:
            // a dead letter moved back is gone).
            if (Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Authority == _system.Url.Authority
                && !uri.AbsolutePath.EndsWith("/sign-out", StringComparison.Ordinal) && _links.Add(uri.PathAndQuery))
            {
                var response = await _context.APIRequest.GetAsync(uri.PathAndQuery, new APIRequestContextOptions { MaxRedirects = 0 });
                var toSignIn = response.Status is >= 300 and < 400 && response.Headers.GetValueOrDefault("location", "").Contains("sign-in", StringComparison.Ordinal);
                if (response.Status >= 400 || toSignIn)
                {
                    _problems.Add($"broken link on {Page.Url}: {uri.PathAndQuery} answered {response.Status}");
                }
            }
        }
    }
}
