using Payments.Testing;

namespace Payments.Notifier.Tests.Support;

/// <summary>The tests that need PostgreSQL share one server (<see cref="PostgresFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
