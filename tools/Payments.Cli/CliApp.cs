using System.CommandLine;
using Payments.Cli.Commands;

namespace Payments.Cli;

/// <summary>The <c>payments</c> command tree (System.CommandLine 2.0) over a <see cref="CliContext"/>.</summary>
internal static class CliApp
{
    public static RootCommand Build(CliContext context) =>
        new("payments: simulate provider notifications, play payment scenarios, replay dead letters and archived notifications, show orders and users.")
        {
            SimulateCommand.Create(context),
            ScenarioCommand.Create(context),
            ReplayCommand.Create(context),
            OrderCommand.Create(context),
            UserCommand.Create(context),
        };

    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default) =>
        Build(context).Parse(args).InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
}
