using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Payments.Persistence.Tests.Sagas;

namespace Payments.Persistence.Tests;

/// <summary>Readiness answers "not ready" within the probe's timeout when the database does not answer.</summary>
public sealed class DatabaseReadinessTests
{
    [Fact]
    public async Task A_server_that_accepts_but_never_answers_makes_the_database_check_unhealthy_long_before_the_clients_own_timeout()
    {
        // Accepts the TCP connection and never says a word: the client would wait out its 15 s connect timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new System.Collections.Concurrent.ConcurrentQueue<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Enqueue(await silent.AcceptTcpClientAsync());
            }
        });

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ApplySchemaAtStart"] = "false",
            ["ConnectionStrings:Counter"] = $"Host=127.0.0.1;Port={((IPEndPoint)silent.LocalEndpoint).Port};Username=u;Password=p;Database=d;Timeout=15;Pooling=false",
        });
        builder.AddServiceDatabase<CounterDbContext, CounterDbContext, CounterDbContext>(new ServiceDatabase("Counter"));
        using var host = builder.Build();

        // Well under the client's 15 s and above the check's own limit: only a bounded check answers in time.
        using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(probe.Token);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["counter-database"].Status);
        Assert.Equal("The database did not answer within 3 s.", report.Entries["counter-database"].Description);
        silent.Stop();
        foreach (var connection in accepted)
        {
            connection.Dispose();
        }
    }
}
