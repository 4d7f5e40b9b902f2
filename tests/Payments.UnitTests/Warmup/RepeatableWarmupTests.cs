using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Warmup;

namespace Payments.UnitTests.Warmup;

/// <summary>
/// A repeatable (database) warm-up runs once, then on several lanes at once before readiness: open pooled connections
/// and warm server processes for the first traffic, not for the first seconds of it.
/// </summary>
public sealed class RepeatableWarmupTests
{
    [Fact]
    public async Task A_repeatable_warm_up_is_repeated_on_every_lane_at_once_before_the_service_is_ready()
    {
        var warmup = new CountingWarmup("rehearsal", severalConnections: true);
        await using var app = await StartAsync(warmup, connections: 3, repetitions: 4);

        await WaitUntilReadyAsync(app);

        Assert.Equal(1 + (3 * 4), warmup.Runs);
        Assert.Equal(3, warmup.MostAtOnce);
    }

    [Fact]
    public async Task One_that_cannot_use_several_connections_repeats_on_one_lane()
    {
        var warmup = new CountingWarmup("sqlite-rehearsal", severalConnections: false);
        await using var app = await StartAsync(warmup, connections: 3, repetitions: 4);

        await WaitUntilReadyAsync(app);

        Assert.Equal(1 + 4, warmup.Runs);
        Assert.Equal(1, warmup.MostAtOnce);
    }

    [Fact]
    public async Task A_failing_repetition_does_not_hold_readiness_back()
    {
        var warmup = new CountingWarmup("flaky-rehearsal", severalConnections: true) { FailAfter = 1 };
        await using var app = await StartAsync(warmup, connections: 2, repetitions: 5);

        await WaitUntilReadyAsync(app);

        Assert.Equal(1 + 2, warmup.Runs); // the first run, then one failed repetition per lane
    }

    private static async Task<WebApplication> StartAsync(CountingWarmup warmup, int connections, int repetitions)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Warmup:Connections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Warmup:Repetitions"] = repetitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddServiceDefaults();
        builder.Services.AddSingleton<IStartupWarmup>(warmup);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static async Task WaitUntilReadyAsync(WebApplication app)
    {
        var health = app.Services.GetRequiredService<HealthCheckService>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await health.CheckHealthAsync(check => check.Name == "warmup")).Status != HealthStatus.Healthy)
        {
            Assert.True(DateTime.UtcNow < deadline, "the warm-up never finished");
            await Task.Delay(20);
        }
    }

    private sealed class CountingWarmup(string name, bool severalConnections) : IRepeatableWarmup
    {
        private int _runs;
        private int _atOnce;
        private int _mostAtOnce;

        public string Name => name;

        public bool RunsOnSeveralConnections => severalConnections;

        /// <summary>Runs after this many fail.</summary>
        public int FailAfter { get; init; } = int.MaxValue;

        public int Runs => Volatile.Read(ref _runs);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public async Task WarmAsync(CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref _runs);
            var now = Interlocked.Increment(ref _atOnce);
            try
            {
                int seen;
                while ((seen = Volatile.Read(ref _mostAtOnce)) < now && Interlocked.CompareExchange(ref _mostAtOnce, now, seen) != seen)
                {
                }

                // Long enough for the lanes to overlap.
                await Task.Delay(50, cancellationToken);
                if (run > FailAfter)
                {
                    throw new InvalidOperationException("the database went away");
                }
            }
            finally
            {
                Interlocked.Decrement(ref _atOnce);
            }
        }
    }
}
