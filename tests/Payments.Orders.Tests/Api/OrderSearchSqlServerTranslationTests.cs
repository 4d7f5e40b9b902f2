using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Payments.Orders.Api;
using Payments.Orders.Persistence;
using Payments.Persistence;

namespace Payments.Orders.Tests.Api;

/// <summary>
/// No SQL Server runs here, but EF Core translates without one: every <c>GET /orders</c> filter at once, the cursor
/// and the order become one SQL Server statement (a filter EF Core could not translate would throw instead).
/// </summary>
public sealed class OrderSearchSqlServerTranslationTests
{
    [Fact]
    public void Every_filter_and_the_cursor_Should_translate_to_SQL_Server()
    {
        var options = (DbContextOptions<OrdersSqlServerDbContext>)OrdersDbContext.Store
            .Configure(new DbContextOptionsBuilder<OrdersSqlServerDbContext>(), DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=none;Connect Timeout=1")
            .Options;
        using var db = new OrdersSqlServerDbContext(options);
        var cursor = new OrderCursor(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero), Guid.NewGuid()).Encode();
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["userId"] = "u", ["providerOrderId"] = "p", ["provider"] = "rustore", ["account"] = "game", ["environment"] = "sandbox",
            ["status"] = "paid", ["blocked"] = "false", ["awaitingDetails"] = "true", ["limit"] = "10", ["cursor"] = cursor,
        });
        var search = OrderSearch.Read(query, new OrderAccounts(new ConfigurationBuilder().Build()));
        Assert.Empty(search.Errors);

        var sql = search.Apply(db.Orders).OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.CorrelationId).Take(11).ToQueryString();

        Assert.Contains("[o].[UserId] = ", sql, StringComparison.Ordinal);
        Assert.Contains("[o].[Items] = ", sql, StringComparison.Ordinal);
        Assert.Contains("[o].[UpdatedAt] < ", sql, StringComparison.Ordinal);
        Assert.Contains("[o].[CorrelationId] < ", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY [o].[UpdatedAt] DESC, [o].[CorrelationId] DESC", sql, StringComparison.Ordinal);
    }
}
