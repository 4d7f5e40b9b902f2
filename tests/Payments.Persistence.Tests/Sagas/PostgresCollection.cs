using Payments.Testing;

namespace Payments.Persistence.Tests.Sagas;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
