using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Persistence.Sagas;

public static class EntityFrameworkSagaRepositoryRegistration
{
    /// <summary>
    /// Stores <typeparamref name="TSaga"/> in <typeparamref name="TContext"/> through the pessimistic EF Core saga
    /// repository: every message runs in its own scope's DbContext and transaction, with the instance's row locked
    /// the way <c>Database:Provider</c> (the <see cref="DatabaseOptions"/> registered by
    /// <c>AddServiceDatabase</c>) requires. The DbContext owner maps the entity; the repository only relies on
    /// <see cref="ISaga.CorrelationId"/> being its primary key.
    /// </summary>
    /// <example>
    /// <code>
    /// bus.AddSagaStateMachine&lt;OrderStateMachine, OrderState&gt;(typeof(OrderStateDefinition))
    ///    .EntityFrameworkRepository&lt;OrderState, OrdersDbContext&gt;();
    /// </code>
    /// </example>
    public static ISagaRegistrationConfigurator<TSaga> EntityFrameworkRepository<TSaga, TContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);

        configurator.Repository(services =>
        {
            // Whatever repository was registered for this saga before (a default provider's, say) is replaced.
            services.RemoveAll<ISagaConsumeContextFactory<DbContext, TSaga>>();
            services.RemoveAll<ISagaRepositoryContextFactory<TSaga>>();
            services.RemoveAll<IQuerySagaRepositoryContextFactory<TSaga>>();
            services.RemoveAll<ILoadSagaRepositoryContextFactory<TSaga>>();
            services.RemoveAll<ISagaRepository<TSaga>>();
            services.RemoveAll<IQuerySagaRepository<TSaga>>();
            services.RemoveAll<ILoadSagaRepository<TSaga>>();

            services.AddLogging();
            services.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>,
                EntityFrameworkSagaRepositoryContextFactory<TSaga, TContext>>();
            services.RegisterQuerySagaRepository<TSaga, EntityFrameworkSagaRepositoryContextFactory<TSaga, TContext>>();
            services.RegisterLoadSagaRepository<TSaga, EntityFrameworkSagaRepositoryContextFactory<TSaga, TContext>>();

            // Readiness waits until the repository's statements ran once (in a transaction rolled back).
            services.AddStartupWarmup<SagaRepositoryWarmup<TSaga, TContext>>();
        });

        return configurator;
    }
}
