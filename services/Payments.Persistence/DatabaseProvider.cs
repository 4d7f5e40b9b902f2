namespace Payments.Persistence;

public enum DatabaseProvider
{
    /// <summary>A file database for the embedded default; writes are serialized.</summary>
    Sqlite,

    /// <summary>PostgreSQL: fully supported, and the real database of the test suite.</summary>
    Postgres,

    /// <summary>SQL Server: the production default in compose and Kubernetes.</summary>
    SqlServer,
}
