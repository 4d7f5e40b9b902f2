using System.Diagnostics;
using System.Text.Json;
using Payments.Testing;

namespace Payments.Notifier.Tests.Support;

/// <summary>
/// Verifies deliveries with the npm package <c>standardwebhooks</c> (the Standard Webhooks reference library for
/// JavaScript) run by node: an implementation that shares no code with the Notifier. <c>./test.sh</c> installs it
/// (<c>npm ci</c> in tests/Payments.Notifier.Tests/Verifier).
/// </summary>
internal static class NodeVerifier
{
    public sealed record Verdict(string Id, bool Ok, string? Error);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Folder
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "Payments.Notifier.Tests", "Verifier");
                if (File.Exists(Path.Combine(candidate, "verify.mjs")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("tests/Payments.Notifier.Tests/Verifier was not found above the test's folder.");
        }
    }

    /// <summary>Each delivery checked with <paramref name="secret"/>, as a game server holding only that secret would.</summary>
    public static async Task<IReadOnlyList<Verdict>> VerifyAsync(IEnumerable<ReceivedWebhook> deliveries, string secret, Func<string, string>? tamper = null)
    {
        var folder = Folder;
        Assert.True(
            Directory.Exists(Path.Combine(folder, "node_modules", "standardwebhooks")),
            $"The npm package standardwebhooks is not installed in {folder}: run ./test.sh (or npm ci there).");
        var input = Path.Combine(Path.GetTempPath(), $"webhooks-{Guid.NewGuid():N}.json");
        var cases = deliveries.Select(d => new
        {
            secret,
            id = d.Id,
            timestamp = d.Timestamp,
            signature = d.Signature,
            body = tamper is null ? d.Body : tamper(d.Body),
        });
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(cases));
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(folder, "verify.mjs"), input])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, $"node verify.mjs exited with {node.ExitCode}: {await errors}");
            return JsonSerializer.Deserialize<List<Verdict>>(await output, Json)!;
        }
        finally
        {
            File.Delete(input);
        }
    }
}
