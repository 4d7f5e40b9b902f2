using MassTransit;
using MassTransit.Saga;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

using Payments.ServiceDefaults.Warmup;

namespace Payments.Persistence.Sagas;

/// <summary>
/// Pessimistic EF Core saga repository for <typeparamref name="TSaga"/> stored in <typeparamref name="TContext"/>.
/// Registered scoped, so MassTransit resolves it (and the DbContext it gets) from each message's own scope.
/// Per message: one transaction; the instance's row is locked and read in one statement (see <see cref="SagaRowLock"/>);
/// the saga pipe runs once; changes are saved and committed, or rolled back on a fault, which goes to the endpoint's
/// message retry as it is (the pipe is never run again here, see <see cref="ProcessMessageAsync"/>).
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
    private bool _ownsTransaction = true;

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
            using var repositoryContext = new EntityFrameworkSagaRepositoryContext<TSaga, T>(_db, context, _consumeContextFactory, RowLock, _ownsTransaction);
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
            using var repositoryContext = new EntityFrameworkSagaRepositoryContext<TSaga, T>(_db, context, _consumeContextFactory, RowLock, _ownsTransaction);
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
    /// Runs one message in one transaction, and the saga pipe at most once. Whatever stops the attempt after the pipe
    /// started (an insert that collided with a concurrent creator, a deadlock, a commit that failed) rolls it back and
    /// propagates as it is: the endpoint's message retry, which sits outside the in-memory outbox, runs the message
    /// again in a new outbox, so the messages the failed attempt published or sent are discarded with it. Running the
    /// pipe again in here would run it inside the same outbox, and both attempts' messages would leave.
    /// </summary>
    private async Task ProcessMessageAsync(ConsumeContext context, Func<Task> pipe)
    {
        if (_db.Database.CurrentTransaction is not null)
        {
            // The scope already opened a transaction on this DbContext (an outer unit of work): join it. The row
            // locks are still taken; committing and rolling back belong to the owner.
            _ownsTransaction = false;
            if (Rehearsal.IsMarked(context))
            {
                throw new InvalidOperationException("A rehearsal cannot run in a transaction it does not own: the owner would commit it.");
            }

            await pipe();
            return;
        }

        // The provider's execution strategy must be the one that begins the transaction (a retrying strategy, SQL
        // Server's EnableRetryOnFailure, refuses a transaction begun outside it). It may retry what fails before the
        // pipe runs (opening the connection, beginning the transaction): nothing was decided yet. Once the pipe ran,
        // a failure is handed through the strategy wrapped, so that it is never retried there.
        var strategy = _db.Database.CreateExecutionStrategy();
        var attempts = 0;
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                if (attempts++ > 0)
                {
                    _db.ChangeTracker.Clear();
                }

                using var gate = await RowLock.EnterAsync(_db, context.CancellationToken);
                await using var transaction = await RowLock.BeginTransactionAsync(_db, context.CancellationToken);
                try
                {
                    await pipe();
                    if (Rehearsal.IsMarked(context))
                    {
                        // A rehearsal ran every statement a real message runs; none of it is kept.
                        await transaction.RollbackAsync(context.CancellationToken);
                        _db.ChangeTracker.Clear();
                    }
                    else
                    {
                        await transaction.CommitAsync(context.CancellationToken);
                    }
                }
                catch (Exception exception)
                {
                    await RollBackQuietlyAsync(transaction);

                    // What the change tracker holds is what the rolled-back attempt wrote; a retry in the same scope
                    // must read the rows afresh.
                    _db.ChangeTracker.Clear();
                    throw new DecidedAttemptFailedException(exception);
                }
            });
        }
        catch (DecidedAttemptFailedException failed)
        {
            if (failed.InnerException is SagaInsertConflictException conflict)
            {
                _logger.LogInformation(
                    "{Saga} {CorrelationId} was created concurrently; message {MessageId} is left to the message retry, which applies it to the stored instance",
                    typeof(TSaga).Name,
                    conflict.CorrelationId,
                    context.MessageId);
            }

            ExceptionDispatchInfo.Throw(failed.InnerException!);
        }
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

    /// <summary>
    /// Carries a failure of an attempt whose pipe ran through the execution strategy. No strategy retries it (they
    /// look at the exception and, for a <see cref="DbUpdateException"/>, its inner one); it is unwrapped outside.
    /// </summary>
    private sealed class DecidedAttemptFailedException(Exception failure) : Exception(failure.Message, failure);
}
