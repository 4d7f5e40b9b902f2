using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Sagas;

/// <summary>
/// One message's view of the saga table, inside the transaction opened by
/// <see cref="EntityFrameworkSagaRepositoryContextFactory{TSaga, TContext}"/>: loads lock the row first, and every
/// write goes through the message's own DbContext.
/// </summary>
internal sealed class EntityFrameworkSagaRepositoryContext<TSaga, TMessage> :
    ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TSaga, TMessage>,
    IDisposable
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly DbContext _db;
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly ISagaConsumeContextFactory<DbContext, TSaga> _factory;
    private readonly SagaRowLock _rowLock;
    private readonly bool _ownsTransaction;

    // A DbContext is not thread-safe; the saga pipe may touch the repository from more than one continuation.
    private readonly SemaphoreSlim _dbInUse = new(1, 1);

    public EntityFrameworkSagaRepositoryContext(
        DbContext db,
        ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<DbContext, TSaga> factory,
        SagaRowLock rowLock,
        bool ownsTransaction)
        : base(consumeContext, db)
    {
        _ownsTransaction = ownsTransaction;
        _db = db;
        _consumeContext = consumeContext;
        _factory = factory;
        _rowLock = rowLock;
    }

    /// <summary>A new instance the policy created; it is inserted by <see cref="Save"/> after the behaviours ran.</summary>
    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Add);

    /// <summary>
    /// Insert-before-behaviours (<c>InsertOnInitial</c>). A duplicate key means the instance exists: the entry is
    /// dropped and <c>null</c> tells the saga pipe to load (and lock) the existing row instead. EF Core wraps the
    /// insert in a savepoint, so the failed statement does not poison the PostgreSQL transaction.
    /// </summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        await _dbInUse.WaitAsync(CancellationToken);
        try
        {
            var entry = _db.Set<TSaga>().Add(instance);
            try
            {
                await _db.SaveChangesAsync(CancellationToken);
            }
            catch (DbUpdateException exception) when (UniqueKeyConflict.Is(exception))
            {
                entry.State = EntityState.Detached;
                return null!;
            }
        }
        finally
        {
            _dbInUse.Release();
        }

        return await _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        TSaga? instance;
        await _dbInUse.WaitAsync(CancellationToken);
        try
        {
            instance = await LockAndLoadAsync(correlationId);
        }
        finally
        {
            _dbInUse.Release();
        }

        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        await _dbInUse.WaitAsync(CancellationToken);
        try
        {
            var entry = _db.Set<TSaga>().Add(context.Saga);
            try
            {
                await SaveWithoutSavepointAsync();
            }
            catch (DbUpdateException exception) when (UniqueKeyConflict.Is(exception))
            {
                entry.State = EntityState.Detached;
                throw new SagaInsertConflictException(typeof(TSaga), context.Saga.CorrelationId, exception);
            }
        }
        finally
        {
            _dbInUse.Release();
        }
    }

    public async Task Update(SagaConsumeContext<TSaga> context)
    {
        await _dbInUse.WaitAsync(CancellationToken);
        try
        {
            await SaveWithoutSavepointAsync();
        }
        finally
        {
            _dbInUse.Release();
        }
    }

    public async Task Delete(SagaConsumeContext<TSaga> context)
    {
        await _dbInUse.WaitAsync(CancellationToken);
        try
        {
            _db.Set<TSaga>().Remove(context.Saga);
            await _db.SaveChangesAsync(CancellationToken);
        }
        finally
        {
            _dbInUse.Release();
        }
    }

    /// <summary>The instance is not kept (faulted or completed before it was ever stored): forget it.</summary>
    public Task Discard(SagaConsumeContext<TSaga> context)
    {
        var entry = _db.ChangeTracker.Entries<TSaga>().FirstOrDefault(e => ReferenceEquals(e.Entity, context.Saga));
        if (entry is { State: EntityState.Added })
        {
            entry.State = EntityState.Detached;
        }

        return Task.CompletedTask;
    }

    /// <summary>A read-only event ran: whatever the behaviours changed in memory is not written.</summary>
    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        var entry = _db.ChangeTracker.Entries<TSaga>().FirstOrDefault(e => ReferenceEquals(e.Entity, context.Saga));
        if (entry is { State: EntityState.Modified })
        {
            entry.State = EntityState.Unchanged;
        }

        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_db, consumeContext, instance, mode);

    public void Dispose() => _dbInUse.Dispose();

    /// <summary>
    /// The final save of the message: whatever fails here rolls the whole transaction back (the attempt goes to the
    /// message retry), so EF Core's automatic savepoint around it would only cost a round trip. The early insert of
    /// <see cref="Insert"/> keeps its savepoint: the transaction goes on after a duplicate key there. In a transaction
    /// the repository only joined (an outer unit of work) the savepoint stays: the owner decides what a failure undoes.
    /// </summary>
    private async Task SaveWithoutSavepointAsync()
    {
        var database = _db.Database;
        var savepoints = database.AutoSavepointsEnabled;
        database.AutoSavepointsEnabled = savepoints && !_ownsTransaction;
        try
        {
            await _db.SaveChangesAsync(CancellationToken);
        }
        finally
        {
            database.AutoSavepointsEnabled = savepoints;
        }
    }

    private async Task<TSaga?> LockAndLoadAsync(Guid correlationId)
    {
        // An instance this DbContext already tracks may have been read before the lock: refresh it once locked.
        var tracked = _db.ChangeTracker.Entries<TSaga>()
            .FirstOrDefault(e => e.Entity.CorrelationId == correlationId && e.State != EntityState.Added);

        var instance = await _rowLock.LockInstanceAsync<TSaga>(_db, correlationId, CancellationToken);

        if (instance is not null && tracked is not null && ReferenceEquals(tracked.Entity, instance))
        {
            await tracked.ReloadAsync(CancellationToken);
        }

        return instance;
    }
}
