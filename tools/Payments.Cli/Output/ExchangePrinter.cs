using Payments.Cli.Http;
using Payments.Simulator;

namespace Payments.Cli.Output;

/// <summary>
/// Prints a request as sent and the answer as received, as plain lines: a console renderer would wrap long URLs
/// and Base64 payloads at the terminal width, and these are meant to be copied.
/// </summary>
internal static class ExchangePrinter
{
    public static void Request(CliContext context, Uri baseAddress, ProviderRequest request, string? plaintext = null)
    {
        context.Out.WriteLine($"→ {request.Method} {new Uri(baseAddress, request.PathAndQuery)}");
        if (request.ContentType is not null)
        {
            context.Out.WriteLine($"  Content-Type: {request.ContentType}");
        }

        foreach (var (name, value) in request.Headers)
        {
            context.Out.WriteLine($"  {name}: {value}");
        }

        if (plaintext is not null)
        {
            context.Out.WriteLine("  payload before encryption:");
            context.Out.WriteLine($"  {plaintext}");
        }

        if (request.Body is not null)
        {
            context.Out.WriteLine("  body:");
            context.Out.WriteLine($"  {request.BodyText}");
        }

        context.Out.Flush();
    }

    public static void Answer(CliContext context, HttpAnswer answer)
    {
        context.Out.WriteLine(FormattableString.Invariant($"← {(int)answer.Status} {answer.Status} ({answer.Elapsed.TotalMilliseconds:0} ms)"));
        if (answer.Body.Length > 0)
        {
            context.Out.WriteLine($"  {answer.Body}");
        }

        CredentialHint(context, answer);
        context.Out.Flush();
    }

    /// <summary>After a 401 or 403 of an API route: which key the CLI sent and how to send another.</summary>
    public static void CredentialHint(CliContext context, HttpAnswer answer)
    {
        var hint = answer.Status switch
        {
            System.Net.HttpStatusCode.Unauthorized => "The host did not accept the API key: set PAYMENTS_API_KEY (or --api-key) to a key configured under Auth:ApiKeys (the standalone host's development key is the default).",
            System.Net.HttpStatusCode.Forbidden => "The API key is valid but lacks this route's scope (see WWW-Authenticate and README.md, Security).",
            _ => null,
        };
        if (hint is not null)
        {
            context.Error.WriteLine(hint);
        }
    }
}
