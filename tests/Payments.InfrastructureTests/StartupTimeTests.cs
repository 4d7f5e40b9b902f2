using Payments.Testing;
using Xunit.Abstractions;

namespace Payments.InfrastructureTests;

[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class StartupTimeTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    [Fact]
    public void Private_servers_report_how_long_they_took_to_start()
    {
        output.WriteLine($"PostgreSQL: {infrastructure.Postgres.StartupTime.TotalSeconds:F1} s (external: {infrastructure.Postgres.IsExternal})");
        output.WriteLine($"RabbitMQ:   {infrastructure.RabbitMq.StartupTime.TotalSeconds:F1} s (external: {infrastructure.RabbitMq.IsExternal})");
        if (!infrastructure.Postgres.IsExternal)
        {
            Assert.InRange(infrastructure.Postgres.StartupTime, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(90));
        }

        if (!infrastructure.RabbitMq.IsExternal)
        {
            Assert.InRange(infrastructure.RabbitMq.StartupTime, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(120));
        }
    }
}
