using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Entitlements;
using Payments.Ingress.Tests.Support;
using Payments.Testing;

namespace Payments.Ingress.Tests.Xsolla;

/// <summary>
/// Ingress reports ready only after one ValidateUser probe made the round trip, so the first real user check after
/// a start does not pay for a cold path inside Xsolla's 3-second wait.
/// </summary>
public sealed class XsollaUserValidationWarmupTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Readiness_waits_until_a_warm_up_probe_was_answered_and_the_probe_is_marked_as_one()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probes = new List<ValidateUser>();
        await using var host = await IngressTestHost.StartAsync(WarmupSettings());
        var responder = host.Harness.Bus.ConnectReceiveEndpoint($"gated-entitlements-{Guid.NewGuid():N}", endpoint =>
            endpoint.Handler<ValidateUser>(async context =>
            {
                lock (probes)
                {
                    probes.Add(context.Message);
                }

                await answer.Task;
                await context.RespondAsync(new UserUnknown { UserId = context.Message.UserId, Reason = "test" });
            }));
        await responder.Ready;

        // Asked, not answered yet: not ready, and the answer says why.
        await WaitUntilAsync(() => { lock (probes) { return probes.Count > 0; } });
        var warming = await WarmupCheckAsync(host);
        Assert.Equal(HealthStatus.Degraded, warming.Status);
        Assert.Equal("Warming up: xsolla-user-validation.", warming.Description);

        answer.SetResult();
        await WaitUntilAsync(async () => (await WarmupCheckAsync(host)).Status == HealthStatus.Healthy);

        ValidateUser probe;
        lock (probes)
        {
            probe = probes[0];
        }

        Assert.Equal(new ValidateUser { Provider = "xsolla", Account = "game1", Environment = "sandbox", UserId = "payments-warmup", Warmup = true }, probe);
    }

    [Fact]
    public async Task Without_any_answer_the_warm_up_gives_up_after_its_limit_and_says_so()
    {
        var logs = new LogCapture();
        var settings = WarmupSettings();
        settings["Warmup:GiveUpAfter"] = "00:00:01";
        await using var host = await IngressTestHost.StartAsync(settings, services => services.AddSingleton<ILoggerProvider>(logs));

        Assert.Equal(HealthStatus.Degraded, (await WarmupCheckAsync(host)).Status);
        await WaitUntilAsync(async () => (await WarmupCheckAsync(host)).Status == HealthStatus.Healthy);
        Assert.Contains(logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal)
            && line.Contains("Warm-up xsolla-user-validation gave up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Turned_off_it_sends_nothing_and_holds_nothing_back()
    {
        var settings = WarmupSettings();
        settings["Providers:Xsolla:UserValidationWarmup"] = "false";
        await using var host = await IngressTestHost.StartAsync(settings);

        await WaitUntilAsync(async () => (await WarmupCheckAsync(host)).Status == HealthStatus.Healthy);
        Assert.True(await host.PublishedNothingAsync());
    }

    private static Dictionary<string, string?> WarmupSettings()
    {
        var settings = XsollaSecrets.Settings();
        settings["Providers:Xsolla:UserValidationWarmup"] = "true";
        settings["Warmup:AttemptTimeout"] = "00:00:00.300";
        settings["Warmup:RetryDelay"] = "00:00:00.050";
        return settings;
    }

    private static async Task<HealthReportEntry> WarmupCheckAsync(IngressTestHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "warmup");
        return report.Entries["warmup"];
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(50, patience.Token);
        }
    }
}
