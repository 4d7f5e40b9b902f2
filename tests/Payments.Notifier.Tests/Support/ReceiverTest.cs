using Payments.Testing;

namespace Payments.Notifier.Tests.Support;

/// <summary>A test class with a game server's receiver on loopback and a folder for the Notifier's SQLite database, both per test.</summary>
public abstract class ReceiverTest : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payments-notifier-").FullName;

    internal string Folder => _folder;

    internal WebhookReceiver Receiver { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Receiver = await WebhookReceiver.StartAsync();

    public virtual async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
