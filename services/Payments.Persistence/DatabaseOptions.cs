namespace Payments.Persistence;

/// <summary>Bound from the <c>Database</c> section; connection strings live under <c>ConnectionStrings:{Service}</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Create or migrate the schema when the service starts. Kubernetes turns this off and runs the migration
    /// Job instead, so replicas never race to migrate.
    /// </summary>
    public bool ApplySchemaAtStart { get; set; } = true;
}
