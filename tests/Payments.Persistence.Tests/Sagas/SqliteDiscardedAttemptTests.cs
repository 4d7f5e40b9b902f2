using Microsoft.Data.Sqlite;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// On a SQLite file. The write gate keeps a second creator in this process from ever inserting concurrently, so the
/// insert conflict is injected: the saga's INSERT fails with SQLite's primary-key violation (as when another process
/// wrote the row), and nothing was stored, so the attempt after it creates the instance itself.
/// </summary>
public sealed class SqliteDiscardedAttemptTests : DiscardedAttemptScenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payments-saga-outbox-").FullName;

    protected override (int Counter, string Applied) StoredAfterConflict => (1, "7");

    protected override Task<DecisionSagaHost> StartHostAsync(bool retryLikeSqlServer)
    {
        var file = Path.Combine(_folder, $"sagas-{Guid.NewGuid():N}.db");
        return DecisionSagaHost.StartAsync(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ConnectionString, retryLikeSqlServer);
    }

    protected override Task ProvokeInsertConflictAsync(DecisionSagaHost host, Guid correlationId)
    {
        host.Faults.FailNextSagaInsertWithUniqueViolation();
        return Task.CompletedTask;
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
