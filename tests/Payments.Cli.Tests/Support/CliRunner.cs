using System.Text;

namespace Payments.Cli.Tests.Support;

/// <summary>Runs the <c>payments</c> command tree in-process, as the executable would, and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}:\n{Output}";
    }

    /// <param name="environment">The CLI's environment variables (nothing else of the test process's leaks in).</param>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var output = new StringWriter(new StringBuilder());
        var context = CliContext.ForWriter(output, name => environment?.GetValueOrDefault(name));
        var exitCode = await CliApp.RunAsync(args, context);
        return new Result(exitCode, output.ToString());
    }

    public static Task<Result> RunAsync(params string[] args) => RunAsync(null, args);
}
