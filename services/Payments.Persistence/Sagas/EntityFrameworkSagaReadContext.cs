using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Sagas;

/// <summary>
/// Reads outside of message consumption (<see cref="ILoadSagaRepository{TSaga}"/>, <see cref="IQuerySagaRepository{TSaga}"/>,
/// the test harness): untracked, unlocked snapshots of committed rows.
/// </summary>
internal sealed class EntityFrameworkSagaReadContext<TSaga> :
    BasePipeContext,
    LoadSagaRepositoryContext<TSaga>,
    QuerySagaRepositoryContext<TSaga>
    where TSaga : class, ISaga
{
    private readonly DbContext _db;

    public EntityFrameworkSagaReadContext(DbContext db, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _db = db;
    }

    public Task<TSaga> Load(Guid correlationId) =>
        _db.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(saga => saga.CorrelationId == correlationId, CancellationToken)!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = await _db.Set<TSaga>()
            .AsNoTracking()
            .Where(query.FilterExpression)
            .Select(saga => saga.CorrelationId)
            .ToListAsync(cancellationToken);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
    }
}
