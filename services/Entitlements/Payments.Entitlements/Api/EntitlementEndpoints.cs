using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts;
using Payments.Entitlements.Ledger;
using Payments.Entitlements.Users;

namespace Payments.Entitlements.Api;

internal static class EntitlementEndpoints
{
    public static IEndpointRouteBuilder MapEntitlementEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/users/{userId}/entitlements", ActiveAsync);
        routes.MapGet("/users/{userId}/entitlements/history", HistoryAsync);
        routes.MapPut("/users/{userId}", RegisterAsync);
        return routes;
    }

    private static async Task<IResult> ActiveAsync(string userId, string? environment, EntitlementsDbContext db, CancellationToken cancellationToken)
    {
        if (InvalidEnvironment(ref environment) is { } problem)
        {
            return problem;
        }

        var items = await db.Grants.AsNoTracking()
            .Where(g => g.UserId == userId && g.Environment == environment && g.RevokedAt == null)
            .OrderBy(g => g.Sku)
            .Select(g => new { g.Sku, g.Quantity, g.OrderId, g.GrantedAt })
            .ToListAsync(cancellationToken);
        return Results.Ok(new { userId, environment, items });
    }

    private static async Task<IResult> HistoryAsync(string userId, string? environment, EntitlementsDbContext db, CancellationToken cancellationToken)
    {
        if (InvalidEnvironment(ref environment) is { } problem)
        {
            return problem;
        }

        var grants = await db.Grants.AsNoTracking()
            .Where(g => g.UserId == userId && g.Environment == environment)
            .Select(g => new { g.OrderId, g.Sku, g.Quantity, g.Provider, g.Account, g.GrantedAt, g.RevokedAt, g.RevokeReason, Active = g.RevokedAt == null })
            .ToListAsync(cancellationToken);
        if (grants.Count == 0 && !await db.Users.AnyAsync(u => u.UserId == userId, cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown user", detail: $"User {userId} has no grants and is not registered.");
        }

        return Results.Ok(new { userId, environment, grants = grants.OrderBy(g => g.GrantedAt).ToList() });
    }

    private static async Task<IResult> RegisterAsync(string userId, EntitlementsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (userId.Length > 128 || string.IsNullOrWhiteSpace(userId))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid user id", detail: "A user id is 1 to 128 characters.");
        }

        if (!await db.Users.AnyAsync(u => u.UserId == userId, cancellationToken))
        {
            db.Users.Add(new KnownUser { UserId = userId, Source = "api", KnownSince = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Most likely registered by a concurrent request or order; if not, the failure is real.
                if (!await db.Users.AsNoTracking().AnyAsync(u => u.UserId == userId, cancellationToken))
                {
                    throw;
                }
            }
        }

        return Results.NoContent();
    }

    private static IResult? InvalidEnvironment(ref string? environment)
    {
        environment ??= PaymentEnvironments.Production;
        return PaymentEnvironments.IsKnown(environment)
            ? null
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid environment", detail: "environment must be production or sandbox.");
    }
}
