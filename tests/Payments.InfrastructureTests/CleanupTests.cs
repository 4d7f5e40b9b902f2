using System.Net.Sockets;
using Payments.Testing;

namespace Payments.InfrastructureTests;

/// <summary>Private servers leave no process, folder or listening port behind once disposed.</summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class CleanupTests
{
    [Fact]
    public async Task Disposing_private_servers_leaves_no_process_folder_or_port_behind()
    {
        var postgres = await PostgresServer.StartAsync();
        var broker = await RabbitMqBroker.StartAsync();
        if (postgres.IsExternal || broker.IsExternal)
        {
            await postgres.DisposeAsync();
            await broker.DisposeAsync();
            return;
        }

        var folders = new[] { postgres.DataDirectory!, broker.DataDirectory! };
        Assert.All(folders, folder => Assert.True(Directory.Exists(folder)));
        Assert.All(folders, folder => Assert.NotEmpty(ProcessesMentioning(folder)));
        var ports = new[] { postgres.Port, broker.Port, broker.EpmdPort };

        await postgres.DisposeAsync();
        await broker.DisposeAsync();

        Assert.All(folders, folder => Assert.False(Directory.Exists(folder), folder));
        Assert.All(folders, folder => Assert.Empty(ProcessesMentioning(folder)));
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
        }
    }

    /// <summary>Processes whose command line or environment names the folder.</summary>
    private static List<int> ProcessesMentioning(string folder)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                var environment = File.ReadAllText(Path.Combine(directory, "environ"));
                if (commandLine.Contains(folder, StringComparison.Ordinal) || environment.Contains(folder, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read (only when not root): it cannot be one of ours either.
            }
        }

        return found;
    }
}
