using System.CommandLine;
using Payments.Cli.Tests.Support;

namespace Payments.Cli.Tests.EndToEnd;

/// <summary>Every command explains itself, and the errors a user can fix say how.</summary>
public sealed class HelpAndErrorTests
{
    public static TheoryData<string> Commands() => new(CommandPaths());

    private static List<string> CommandPaths()
    {
        var paths = new List<string>();
        Walk(CliApp.Build(CliContext.ForWriter(TextWriter.Null)), []);
        return paths;

        void Walk(Command command, string[] path)
        {
            paths.Add(string.Join(' ', path));
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, [.. path, sub.Name]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help(string command)
    {
        var result = await CliRunner.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("Description:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_commands_of_the_tools_issue_are_all_there()
    {
        var commands = CommandPaths().ToHashSet();

        Assert.Superset(
            new HashSet<string>
            {
                "simulate rustore", "simulate xsolla", "simulate robokassa", "scenario", "replay dead-letters", "replay archived", "order show", "user show",
            },
            commands);
    }

    [Theory]
    [InlineData("order", "show", "rustore", "demo", "o-1")]
    [InlineData("user", "show", "player-1")]
    [InlineData("simulate", "xsolla", "payment")]
    [InlineData("replay", "archived", "5b8d7a4e-3c1f-4a57-9a3e-2f0d6c1b8e90")]
    [InlineData("scenario", "rustore-pay")]
    public async Task A_host_that_is_not_running_is_named_with_how_to_start_the_standalone_one(params string[] args)
    {
        var url = $"http://127.0.0.1:{Payments.Testing.FreePort.Get()}";

        var result = await CliRunner.RunAsync(new Dictionary<string, string> { ["PAYMENTS_URL"] = url }, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Could not reach {url}/ (connection refused)", result.Output, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project services/Payments.Standalone", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broker_that_is_not_running_is_named()
    {
        var result = await CliRunner.RunAsync("replay", "dead-letters", "--rabbitmq", $"amqp://guest:guest@127.0.0.1:{Payments.Testing.FreePort.Get()}/", "--queue", "order-paid_error");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Could not connect to RabbitMQ", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xsolla", "payment")]
    [InlineData("robokassa", "result")]
    public async Task An_amount_that_is_not_a_number_is_refused_before_anything_is_sent(string provider, string @event)
    {
        var result = await CliRunner.RunAsync("simulate", provider, @event, "--amount", "ten");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--amount must be a decimal number", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not reach", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulate", "rustore", "confirmed", "--key", "short")]
    [InlineData("simulate", "rustore", "confirmed", "--iv", "0011")]
    [InlineData("simulate", "xsolla", "payment", "--url", "localhost:5080")]
    [InlineData("replay", "dead-letters", "--queue", "order-paid")]
    [InlineData("replay", "dead-letters", "--rabbitmq", "http://x", "--queue", "order-paid_error")]
    [InlineData("replay", "dead-letters", "--rabbitmq", "amqp://localhost/", "--queue", "order-paid_error", "--count", "0")]
    public async Task Bad_option_values_are_explained_without_a_stack_trace(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Output.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }
}
