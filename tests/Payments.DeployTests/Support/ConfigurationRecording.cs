using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

[assembly: HostingStartup(typeof(Payments.DeployTests.Support.RecordingHostingStartup))]

namespace Payments.DeployTests.Support;

/// <summary>
/// Configuration that remembers every key looked up in it. Holding the deployment's settings and placed above every
/// other source, it is asked first for every key the host reads — so after a start, <see cref="ReadKeys"/> is exactly
/// the set of keys the service's code (and ASP.NET Core's) looked for, whether or not the deployment sets them.
/// </summary>
internal sealed class RecordingSession
{
    private static readonly ConcurrentDictionary<string, RecordingSession> Sessions = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, byte> _read = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _enumerated = new(StringComparer.OrdinalIgnoreCase);

    public RecordingSession(IReadOnlyDictionary<string, string> values)
    {
        Values = values;
        Id = Guid.NewGuid().ToString("N");
        Sessions[Id] = this;
    }

    public string Id { get; }

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>Keys whose value was asked for (case-insensitive, ':'-separated).</summary>
    public IReadOnlySet<string> ReadKeys => _read.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sections whose children were listed (dictionaries, lists, "is anything configured here").</summary>
    public IReadOnlySet<string> EnumeratedSections => _enumerated.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static RecordingSession? Find(string? id) => id is not null && Sessions.TryGetValue(id, out var session) ? session : null;

    public void Close() => Sessions.TryRemove(Id, out _);

    public IConfigurationSource Source() => new RecordingSource(this);

    private sealed class RecordingSource(RecordingSession session) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new RecordingProvider(session);
    }

    private sealed class RecordingProvider : ConfigurationProvider
    {
        private readonly RecordingSession _session;

        public RecordingProvider(RecordingSession session)
        {
            _session = session;
            foreach (var (key, value) in session.Values)
            {
                Data[key] = value;
            }
        }

        public override bool TryGet(string key, out string? value)
        {
            _session._read.TryAdd(key, 0);
            return base.TryGet(key, out value);
        }

        public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
        {
            _session._enumerated.TryAdd(parentPath ?? string.Empty, 0);
            return base.GetChildKeys(earlierKeys, parentPath);
        }
    }
}

/// <summary>
/// Activated by the host setting <c>hostingStartupAssemblies=Payments.DeployTests</c> that the tests pass; it runs
/// inside <c>WebApplication.CreateBuilder</c>, before the first line of the host's Program.cs reads configuration,
/// and puts the session's recording source on top.
/// </summary>
public sealed class RecordingHostingStartup : IHostingStartup
{
    public const string SessionSetting = "PaymentsDeployTests:Session";

    public void Configure(IWebHostBuilder builder)
    {
        // The session id arrives with the host's settings (command-line arguments from WebApplicationFactory), which
        // the web host builder's own GetSetting does not see; the configuration built so far does.
        builder.ConfigureAppConfiguration((context, configuration) =>
        {
            if (RecordingSession.Find(context.Configuration[SessionSetting]) is { } session)
            {
                configuration.Add(session.Source());
            }
        });
    }
}
