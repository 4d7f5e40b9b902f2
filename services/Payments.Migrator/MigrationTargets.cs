using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Payments.Archive.Persistence;
using Payments.Entitlements.Ledger;
using Payments.Entitlements.Persistence;
using Payments.Notifier.Persistence;
using Payments.Orders.Persistence;
using Payments.Persistence;

namespace Payments.Migrator;

public static class MigrationTargets
{
    /// <summary>
    /// Registers every service database exactly as the services do (<c>AddServiceDatabase</c>: the configured
    /// <c>Database:Provider</c>, <c>ConnectionStrings:{name}</c>, the provider subclass that owns the migrations and
    /// the service's own history table), and returns what to migrate. Every missing connection string is named at once.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="requireAll">
    /// Migrating needs every service database; waiting (a service's init container) only the ones whose connection
    /// string is set, at least one.
    /// </param>
    public static IReadOnlyList<MigrationTarget> AddMigrationTargets(this IHostApplicationBuilder builder, bool requireAll = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var isSet = Stores.ToDictionary(
            store => store.ConnectionName,
            store => !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(store.ConnectionName)));
        var missing = Stores.Where(store => !isSet[store.ConnectionName]).Select(Describe).ToList();
        if (requireAll && missing.Count > 0)
        {
            throw new InvalidOperationException($"Not set: {string.Join(", ", missing)}. The migration runner migrates every service database.");
        }

        if (missing.Count == Stores.Count)
        {
            throw new InvalidOperationException($"Set at least one of {string.Join(", ", missing)}.");
        }

        var targets = new List<MigrationTarget>();
        if (isSet[OrdersDbContext.Store.ConnectionName])
        {
            builder.AddServiceDatabase<OrdersDbContext, OrdersPostgresDbContext, OrdersSqlServerDbContext>(OrdersDbContext.Store);
            targets.Add(new MigrationTarget(OrdersDbContext.Store.ConnectionName, typeof(OrdersDbContext)));
        }

        if (isSet[EntitlementsDbContext.Store.ConnectionName])
        {
            builder.AddServiceDatabase<EntitlementsDbContext, EntitlementsPostgresDbContext, EntitlementsSqlServerDbContext>(EntitlementsDbContext.Store);
            targets.Add(new MigrationTarget(EntitlementsDbContext.Store.ConnectionName, typeof(EntitlementsDbContext)));
        }

        if (isSet[ArchiveDbContext.Store.ConnectionName])
        {
            builder.AddServiceDatabase<ArchiveDbContext, ArchivePostgresDbContext, ArchiveSqlServerDbContext>(ArchiveDbContext.Store);
            targets.Add(new MigrationTarget(ArchiveDbContext.Store.ConnectionName, typeof(ArchiveDbContext)));
        }

        if (isSet[NotifierDbContext.Store.ConnectionName])
        {
            builder.AddServiceDatabase<NotifierDbContext, NotifierPostgresDbContext, NotifierSqlServerDbContext>(NotifierDbContext.Store);
            targets.Add(new MigrationTarget(NotifierDbContext.Store.ConnectionName, typeof(NotifierDbContext)));
        }

        return targets;
    }

    /// <summary>Every service database, in migration order.</summary>
    public static IReadOnlyList<ServiceDatabase> Stores { get; } = [OrdersDbContext.Store, EntitlementsDbContext.Store, ArchiveDbContext.Store, NotifierDbContext.Store];

    private static string Describe(ServiceDatabase store) =>
        $"ConnectionStrings:{store.ConnectionName} (environment variable ConnectionStrings__{store.ConnectionName})";
}
