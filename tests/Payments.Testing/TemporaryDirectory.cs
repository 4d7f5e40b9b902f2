using System.Collections.Concurrent;

namespace Payments.Testing;

/// <summary>
/// A uniquely named folder under the system temp folder, deleted on <see cref="Delete"/> and,
/// as a fallback, when the test host exits.
/// </summary>
internal sealed class TemporaryDirectory
{
    private static readonly ConcurrentDictionary<string, byte> Live = new();

    static TemporaryDirectory()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var path in Live.Keys)
            {
                TryDelete(path);
            }
        };
    }

    private TemporaryDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// Creates the folder. Its path is kept short on purpose: Unix socket paths inside it must
    /// stay under 108 bytes. With <paramref name="worldReadableRoot"/> the folder is made in
    /// <c>/tmp</c> whatever TMPDIR says, so that another account can reach it.
    /// </summary>
    public static TemporaryDirectory Create(string prefix, bool worldReadableRoot = false)
    {
        var root = System.IO.Path.GetTempPath();
        if ((worldReadableRoot || root.Length > 48) && Directory.Exists("/tmp"))
        {
            root = "/tmp";
        }

        var path = System.IO.Path.Combine(root, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path);
        Live.TryAdd(path, 0);
        return new TemporaryDirectory(path);
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Delete()
    {
        TryDelete(Path);
        Live.TryRemove(Path, out _);
    }

    private static void TryDelete(string path)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
