using Xunit;

namespace Payments.Testing;

/// <summary>
/// One private PostgreSQL server shared by the tests of an assembly that need only a database (no broker); each
/// test makes or migrates a database of its own. The test assembly declares the xunit collection that uses it.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture is not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
