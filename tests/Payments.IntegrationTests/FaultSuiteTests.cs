using Payments.Scenarios.Faults;
using Payments.Scenarios.Running;
using Payments.Testing;
using Xunit.Abstractions;

namespace Payments.IntegrationTests;

/// <summary>
/// The short fault suite: the four services as processes over the shared RabbitMQ and PostgreSQL; providers simulated
/// faithfully (each retries on anything but its success answer, on its own compressed schedule); meanwhile the broker
/// is stopped and restarted, Orders, Entitlements and Normalizer are SIGKILLed and restarted, the database is stopped
/// for 10 s, and some notifications arrive ×20 at once. Nothing may be lost or granted twice.
/// The long run: <c>./bench.sh faults --orders 2000</c>.
/// </summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class FaultSuiteTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    [Fact]
    public async Task Under_broker_restart_service_kills_database_outage_and_duplicate_storms_nothing_is_lost_or_duplicated()
    {
        if (infrastructure.RabbitMq.IsExternal || infrastructure.Postgres.IsExternal)
        {
            throw new InvalidOperationException("The fault suite stops the broker and the database; unset PAYMENTS_TEST_RABBITMQ and PAYMENTS_TEST_POSTGRES.");
        }

        var settings = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
        };
        await using var system = await DistributedSystem.StartAsync(infrastructure, settings);
        FaultReport report;
        try
        {
            using var runner = new FaultRunner(new DistributedFaultTarget(infrastructure, system), DistributedSystem.Secrets, new FaultOptions
            {
                Orders = 120,
                Seed = 20261121,
                Concurrency = 12,
                Storms = 5,
                LoadDuration = TimeSpan.FromSeconds(36),
                Log = Log,
            });
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            report = await runner.RunAsync(timeout.Token);
        }
        finally
        {
            // Whatever happened, the shared broker and database must be up for the next test.
            await infrastructure.RabbitMq.StartAgainAsync();
            await infrastructure.Postgres.StartAgainAsync();
        }

        output.WriteLine(report.ToTable());
        Assert.True(report.Passed, $"{report.ToTable()}\n{report.Details()}\n{system.Output()}");
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // After the test ended (a late timer tick).
        }
    }
}
