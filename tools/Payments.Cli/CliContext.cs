using Payments.Cli.Secrets;
using Spectre.Console;

namespace Payments.Cli;

/// <summary>Where the CLI writes, what it reads its defaults from, and how it talks HTTP; tests give their own.</summary>
internal sealed class CliContext
{
    public required IAnsiConsole Console { get; init; }

    /// <summary>Plain output for text that must not be wrapped (request and answer bodies, ids to copy).</summary>
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Whether the user can answer a question (a terminal on standard input).</summary>
    public bool Interactive { get; init; }

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Redirects are not followed: X-Api-Key would go along to wherever a redirect points.</summary>
    public Func<HttpClient> HttpClientFactory { get; init; } = () => new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public CliSettings Settings => new(Environment);

    public static CliContext ForConsole() => new()
    {
        Console = AnsiConsole.Console,
        Out = System.Console.Out,
        Error = System.Console.Error,
        Interactive = !System.Console.IsInputRedirected,
    };

    /// <summary>A console without colours or questions, 240 columns wide, writing to <paramref name="writer"/> (tests).</summary>
    public static CliContext ForWriter(TextWriter writer, Func<string, string?>? environment = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 240;
        return new CliContext { Console = console, Out = writer, Error = writer, Environment = environment ?? (_ => null) };
    }
}
