using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>The tests of this assembly share one PostgreSQL server and one RabbitMQ node.</summary>
[CollectionDefinition("infrastructure")]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>;
