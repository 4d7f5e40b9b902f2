using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Entitlements.Persistence;
using Payments.Entitlements.Users;
using Payments.Persistence;
using Payments.Persistence.Sagas;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Ledger;

/// <summary>
/// Grants and revokes the lines of an order exactly once. Each call works in one transaction under the lock of
/// the order's <see cref="LedgerOrder"/> row, so a grant and a revocation of one order never interleave; the
/// (order, sku) key stops a double grant even without the lock. The first write of an order (or of a user) that
/// loses a race to a concurrent one fails on the key; the call then starts again and finds the winner's row.
/// Round trips per first grant of an order (PostgreSQL): the lock statement, the known-user check (skipped for a
/// user this process saw committed), one batched save of the order row, its lines and the user, and the commit.
/// </summary>
internal sealed partial class GrantLedger(EntitlementsDbContext db, UserRegistry users, DatabaseOptions database, ILogger<GrantLedger> logger)
{
    /// <summary>One lost race per row an attempt creates (order, user) is the most a call can meet; the rest is margin.</summary>
    private const int MaxAttempts = 5;

    /// <summary>A rehearsal (<see cref="Rehearsal"/>): every statement runs, the transaction is rolled back, nothing is counted.</summary>
    private bool _rehearsal;

    /// <returns>The order's active lines after the grant (empty when the order was revoked first).</returns>
    /// <param name="rehearsal">Roll the grant back instead of committing it (<see cref="Rehearsal.IsMarked"/>).</param>
    public Task<IReadOnlyList<Grant>> GrantAsync(OrderPaid paid, CancellationToken cancellationToken, bool rehearsal = false)
    {
        _rehearsal = rehearsal;
        return InTransactionAsync(paid.OrderId, () => GrantLinesAsync(paid, cancellationToken), cancellationToken);
    }

    /// <returns>The order's revoked lines (empty when nothing had been granted yet).</returns>
    /// <param name="rehearsal">Roll the revocation back instead of committing it (<see cref="Rehearsal.IsMarked"/>).</param>
    public Task<IReadOnlyList<Grant>> RevokeAsync(OrderRevoked revoked, CancellationToken cancellationToken, bool rehearsal = false)
    {
        _rehearsal = rehearsal;
        return InTransactionAsync(revoked.OrderId, () => RevokeLinesAsync(revoked, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyList<Grant>> GrantLinesAsync(OrderPaid paid, CancellationToken cancellationToken)
    {
        var (order, isNew) = await LockAsync(paid.OrderId, paid.Order, paid.UserId, cancellationToken);
        var lines = isNew ? [] : await db.Grants.Where(g => g.OrderId == paid.OrderId).ToListAsync(cancellationToken);
        if (lines.Count == 0)
        {
            order.GrantedAt ??= paid.PaidAt;

            // The key allows one line per sku: a sku listed twice is one line with the total quantity.
            foreach (var item in paid.Items.GroupBy(i => i.Sku, StringComparer.Ordinal))
            {
                var line = new Grant
                {
                    OrderId = paid.OrderId,
                    Sku = item.Key,
                    Quantity = item.Sum(i => i.Quantity),
                    UserId = paid.UserId,
                    Provider = paid.Order.Provider,
                    Account = paid.Order.Account,
                    Environment = paid.Order.Environment,
                    GrantedAt = paid.PaidAt,
                    RevokedAt = order.RevokedAt,
                    RevokeReason = order.RevokeReason,
                };
                db.Grants.Add(line);
                lines.Add(line);
            }
        }

        await users.StageAsync(paid.UserId, UserRegistry.FromOrder, cancellationToken);
        await SaveAsync(cancellationToken);
        return lines.Where(l => l.IsActive).ToList();
    }

    /// <summary>The attempt's one save; a rehearsal's is not counted in the ledger's metrics.</summary>
    private Task SaveAsync(CancellationToken cancellationToken) =>
        _rehearsal ? db.SaveChangesAsync(cancellationToken) : db.SaveCountingAsync(cancellationToken);

    /// <summary>
    /// The start-up warm-up: a first grant's statements (the lock, the lines query, the user check, the batched save)
    /// for a made-up order, in a transaction that is rolled back — compiled and on an open connection before the first
    /// real grant, and nothing left behind (not counted in the ledger's metrics either).
    /// </summary>
    public async Task RehearseAsync(CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await BeginAttemptAsync(cancellationToken);
            try
            {
                var reference = new OrderReference { Provider = "warmup", Account = "warmup", Environment = "warmup", ProviderOrderId = "warmup" };
                var orderId = Guid.NewGuid();
                _ = await LockAsync(orderId, reference, WarmupName, cancellationToken);
                _ = await db.Grants.Where(g => g.OrderId == orderId).ToListAsync(cancellationToken);
                db.Grants.Add(new Grant
                {
                    OrderId = orderId,
                    Sku = WarmupName,
                    Quantity = 1,
                    UserId = WarmupName,
                    Provider = reference.Provider,
                    Account = reference.Account,
                    Environment = reference.Environment,
                    GrantedAt = DateTimeOffset.UnixEpoch,
                });
                await users.StageAsync(WarmupName, UserRegistry.FromOrder, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                await DiscardAsync(transaction);
            }
        });
    }

    private const string WarmupName = "payments-warmup";

    private async Task<IReadOnlyList<Grant>> RevokeLinesAsync(OrderRevoked revoked, CancellationToken cancellationToken)
    {
        // A revocation that comes first is kept on the order row, so the late grant lands already revoked.
        var (order, isNew) = await LockAsync(revoked.OrderId, revoked.Order, revoked.UserId, cancellationToken);
        order.RevokedAt ??= revoked.RevokedAt;
        order.RevokeReason ??= revoked.Reason;
        var lines = isNew ? [] : await db.Grants.Where(g => g.OrderId == revoked.OrderId).ToListAsync(cancellationToken);
        foreach (var line in lines.Where(l => l.IsActive))
        {
            line.RevokedAt = order.RevokedAt;
            line.RevokeReason = order.RevokeReason;
        }

        await users.StageAsync(revoked.UserId, UserRegistry.FromOrder, cancellationToken);
        await SaveAsync(cancellationToken);
        return lines;
    }

    private async Task<IReadOnlyList<Grant>> InTransactionAsync(Guid orderId, Func<Task<IReadOnlyList<Grant>>> work, CancellationToken cancellationToken)
    {
        // SQL Server's retrying execution strategy only accepts a user transaction inside ExecuteAsync.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var transaction = await BeginAttemptAsync(cancellationToken);
                try
                {
                    var lines = await work();
                    if (_rehearsal)
                    {
                        await DiscardAsync(transaction);
                        return lines;
                    }

                    await transaction.CommitAsync(cancellationToken);
                    users.Committed();
                    return lines;
                }
                catch (DbUpdateException exception) when (UniqueKeyConflict.Is(exception))
                {
                    if (attempt >= MaxAttempts)
                    {
                        throw new ConcurrentWriteConflictException($"The ledger lost {attempt} races in a row for order {orderId}.", exception);
                    }

                    LogLostRace(logger, orderId, attempt);
                }
            }
        });
    }

    /// <summary>
    /// A fresh unit of work: nothing tracked or staged from an earlier attempt, and its transaction begun. A failed
    /// statement rolls the whole attempt back (and the next attempt starts afresh), so SaveChanges needs no savepoint
    /// of its own: one round trip less per save.
    /// </summary>
    private Task<IDbContextTransaction> BeginAttemptAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        users.StartOver();
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginTransactionAsync(IsolationLevel, cancellationToken);
    }

    /// <summary>Rolls an attempt back and forgets what it tracked and staged: the warm-up's and a rehearsal's end.</summary>
    private async Task DiscardAsync(IDbContextTransaction transaction)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        users.StartOver();
    }

    /// <summary>SQLite: SERIALIZABLE begins IMMEDIATE, so two writers queue instead of deadlocking on a lock upgrade.</summary>
    private IsolationLevel IsolationLevel => database.Provider == DatabaseProvider.Sqlite ? IsolationLevel.Serializable : IsolationLevel.ReadCommitted;

    /// <summary>
    /// Locks the order's row, or stages a new one (<c>IsNew</c>: the order has no lines yet). A new row is written
    /// with the lines in the attempt's one save; until then the attempt holds no lock, and a concurrent first write
    /// of the same order waits on the key at that save and then fails, so its next attempt locks this row.
    /// </summary>
    private async Task<(LedgerOrder Order, bool IsNew)> LockAsync(Guid orderId, OrderReference reference, string userId, CancellationToken cancellationToken)
    {
        var order = database.Provider == DatabaseProvider.Sqlite
            ? await db.Orders.SingleOrDefaultAsync(o => o.OrderId == orderId, cancellationToken)
            : (await db.Orders.FromSqlRaw(LockStatement(), orderId).AsTracking().ToListAsync(cancellationToken)).SingleOrDefault();
        if (order is not null)
        {
            return (order, false);
        }

        order = new LedgerOrder
        {
            OrderId = orderId,
            UserId = userId,
            Provider = reference.Provider,
            Account = reference.Account,
            Environment = reference.Environment,
        };
        db.Orders.Add(order);
        return (order, true);
    }

    /// <summary>The row lock of the saga repository, on the ledger's order row; SQLite transactions are serialized.</summary>
    private string LockStatement()
    {
        var entity = db.Model.FindEntityType(typeof(LedgerOrder))!;
        var table = entity.GetTableName()!;
        var schema = entity.GetSchema();
        var key = entity.FindProperty(nameof(LedgerOrder.OrderId))!.GetColumnName(StoreObjectIdentifier.Table(table, schema))!;
        return SagaLockStatement.For(database.Provider, schema, table, key).Replace($"@{SagaLockStatement.KeyParameterName}", "{0}", StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderId}: a concurrent first write won the race (attempt {Attempt}); starting again")]
    private static partial void LogLostRace(ILogger logger, Guid orderId, int attempt);
}
