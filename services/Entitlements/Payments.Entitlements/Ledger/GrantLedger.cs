using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Payments.Contracts.Orders;
using Payments.Entitlements.Users;
using Payments.Persistence;
using Payments.Persistence.Sagas;

namespace Payments.Entitlements.Ledger;

/// <summary>
/// Grants and revokes the lines of an order exactly once. Each call works in one transaction under the lock of
/// the order's <see cref="LedgerOrder"/> row; the (order, sku) key stops a double grant even without it. A first
/// insert of the order row that loses a race fails on the primary key and is retried by the endpoint.
/// </summary>
internal sealed class GrantLedger(EntitlementsDbContext db, DatabaseOptions database, TimeProvider clock)
{
    /// <returns>The order's active lines after the grant (empty when the order was revoked first).</returns>
    public async Task<IReadOnlyList<Grant>> GrantAsync(OrderPaid paid, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await LockAsync(paid.OrderId, paid.Order, paid.UserId, cancellationToken);
        var lines = await db.Grants.Where(g => g.OrderId == paid.OrderId).ToListAsync(cancellationToken);
        if (lines.Count == 0)
        {
            order.GrantedAt = paid.PaidAt;
            foreach (var item in paid.Items)
            {
                var line = new Grant
                {
                    OrderId = paid.OrderId,
                    Sku = item.Sku,
                    Quantity = item.Quantity,
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

        await RememberUserAsync(paid.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lines.Where(l => l.IsActive).ToList();
    }

    /// <returns>The order's revoked lines (empty when nothing had been granted yet).</returns>
    public async Task<IReadOnlyList<Grant>> RevokeAsync(OrderRevoked revoked, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await LockAsync(revoked.OrderId, revoked.Order, revoked.UserId, cancellationToken);
        order.RevokedAt ??= revoked.RevokedAt;
        order.RevokeReason ??= revoked.Reason;
        var lines = await db.Grants.Where(g => g.OrderId == revoked.OrderId).ToListAsync(cancellationToken);
        foreach (var line in lines.Where(l => l.IsActive))
        {
            line.RevokedAt = order.RevokedAt;
            line.RevokeReason = order.RevokeReason;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lines;
    }

    private async Task<LedgerOrder> LockAsync(Guid orderId, Contracts.OrderReference reference, string userId, CancellationToken cancellationToken)
    {
        var order = database.Provider == DatabaseProvider.Sqlite
            ? await db.Orders.SingleOrDefaultAsync(o => o.OrderId == orderId, cancellationToken)
            : await db.Orders.FromSqlRaw(LockStatement(), orderId).AsTracking().SingleOrDefaultAsync(cancellationToken);
        if (order is not null)
        {
            return order;
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
        await db.SaveChangesAsync(cancellationToken);
        return order;
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

    private async Task RememberUserAsync(string userId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.UserId == userId, cancellationToken))
        {
            db.Users.Add(new KnownUser { UserId = userId, Source = "order", KnownSince = clock.GetUtcNow() });
        }
    }
}
