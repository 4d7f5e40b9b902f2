using Microsoft.Data.Sqlite;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>The repository on a SQLite file: no row locks, writes serialized per database.</summary>
public sealed class SqliteSagaRepositoryTests : ConcurrentSagaScenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payments-saga-sqlite-").FullName;

    protected override Task<CounterSagaHost> StartHostAsync()
    {
        var file = Path.Combine(_folder, $"sagas-{Guid.NewGuid():N}.db");
        return CounterSagaHost.StartAsync(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ConnectionString);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp directory.
        }
    }
}
