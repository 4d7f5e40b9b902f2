using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Payments.Persistence.Sagas;

/// <summary>
/// Pessimistic EF Core saga repository for <typeparamref name="TSaga"/> stored in <typeparamref name="TContext"/>.
/// Registered scoped, so MassTransit resolves it (and the DbContext it gets) from each message's own scope.
/// Per message: one transaction; the instance's row is locked and read in one statement (see <see cref="SagaRowLock"/>);
/// the saga pipe runs; changes are saved and committed, or rolled back on a fault.
/// </summary>
internal sealed class EntityFrameworkSagaRepositoryContextFactory<TSaga, TContext> :
    ISagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
    where TContext : DbContext
{
    private readonly TContext _db;
    private readonly DatabaseOptions _options;
    private readonly ISagaConsumeContextFactory<DbContext, TSaga> _consumeContextFactory;
    private readonly ILogger _logger;
    private SagaRowLock? _rowLock;

    public EntityFrameworkSagaRepositoryContextFactory(
        TContext db,
        DatabaseOptions options,
        ISagaConsumeContextFactory<DbContext, TSaga> consumeContextFactory,
        ILogger<EntityFrameworkSagaRepositoryContextFactory<TSaga, TContext>> logger)
    {
        _db = db;
        _options = options;
        _consumeContextFactory = consumeContextFactory;
        _logger = logger;
    }

    private SagaRowLock RowLock => _rowLock ??= SagaRowLock.For<TSaga>(_options.Provider, _db);

    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        ProcessMessageAsync(context, async () =>
        {
            using var repositoryContext = new EntityFrameworkSagaRepositoryContext<TSaga, T>(_db, context, _consumeContextFactory, RowLock);
            await next.Send(repositoryContext);
        });

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        ProcessMessageAsync(context, async () =>
        {
            // The matching ids are read inside the transaction; each instance is then locked as the pipe loads it.
            var ids = await _db.Set<TSaga>()
                .AsNoTracking()
                .Where(query.FilterExpression)
                .Select(saga => saga.CorrelationId)
                .ToListAsync(context.CancellationToken);
            using var repositoryContext = new EntityFrameworkSagaRepositoryContext<TSaga, T>(_db, context, _consumeContextFactory, RowLock);
            await next.Send(new DefaultSagaRepositoryQueryContext<TSaga, T>(repositoryContext, ids));
        });

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken)
        where T : class =>
        asyncMethod(new EntityFrameworkSagaReadContext<TSaga>(_db, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken)
        where T : class =>
        asyncMethod(new EntityFrameworkSagaReadContext<TSaga>(_db, cancellationToken));

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "entity-framework-core");
        context.Add("concurrency", "pessimistic");
        context.Add("provider", _options.Provider.ToString());
        context.Add("dbContext", typeof(TContext).Name);
    }

    /// <summary>
    /// Runs one message. When the pipe created a new instance and its insert collided with a concurrent creator of
    /// the same row, everything is rolled back and the message runs once more, now against the existing row.
    /// </summary>
    private async Task ProcessMessageAsync(ConsumeContext context, Func<Task> pipe)
    {
        try
        {
            await InTransactionAsync(pipe, context.CancellationToken);
        }
        catch (SagaInsertConflictException conflict) when (_db.Database.CurrentTransaction is null)
        {
            _logger.LogInformation(
                conflict,
                "{Saga} {CorrelationId} was created concurrently; running message {MessageId} again against the stored instance",
                typeof(TSaga).Name,
                conflict.CorrelationId,
                context.MessageId);
            _db.ChangeTracker.Clear();
            await InTransactionAsync(pipe, context.CancellationToken);
        }
    }

    private async Task InTransactionAsync(Func<Task> pipe, CancellationToken cancellationToken)
    {
        if (_db.Database.CurrentTransaction is not null)
        {
            // The scope already opened a transaction on this DbContext (an outer unit of work): join it. The row
            // locks are still taken; committing and rolling back belong to the owner.
            await pipe();
            return;
        }

        var strategy = _db.Database.CreateExecutionStrategy();
        var attempts = 0;
        await strategy.ExecuteAsync(async () =>
        {
            if (attempts++ > 0)
            {
                // A transient failure is retried by the provider's execution strategy from a clean slate.
                _db.ChangeTracker.Clear();
            }

            using var gate = await RowLock.EnterAsync(_db, cancellationToken);
            await using var transaction = await RowLock.BeginTransactionAsync(_db, cancellationToken);
            try
            {
                await pipe();
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                await RollBackQuietlyAsync(transaction);
                throw;
            }
        });
    }

    private async Task RollBackQuietlyAsync(IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException)
        {
            // The connection may already be gone; the server rolls the transaction back when it drops.
            _logger.LogDebug(exception, "Rolling back the {Saga} transaction failed", typeof(TSaga).Name);
        }
    }
}
