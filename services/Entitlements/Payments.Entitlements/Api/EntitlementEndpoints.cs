using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts;
using Payments.Contracts.Access;
using Payments.Entitlements.Ledger;
using Payments.Entitlements.Persistence;
using Payments.Entitlements.Users;
using Payments.ServiceDefaults.OpenApi;
using Payments.ServiceDefaults.Security;

namespace Payments.Entitlements.Api;

internal static class EntitlementEndpoints
{
    private const string Tag = "Entitlements";

    public static IEndpointRouteBuilder MapEntitlementEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/users/{userId}/entitlements", ActiveAsync).RequireScope(Scopes.EntitlementsRead)
            .WithName("GetEntitlements").WithTags(Tag).WithSummary("A user's active items")
            .WithDescription("One item per active grant, totals summed per sku; an unknown user gets empty lists. environment is production (default) or sandbox.")
            .Produces<UserEntitlementsView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithResponseExample(StatusCodes.Status200OK, EntitlementApiExamples.Active);
        routes.MapGet("/users/{userId}/entitlements/history", HistoryAsync).RequireScope(Scopes.EntitlementsRead)
            .WithName("GetEntitlementHistory").WithTags(Tag).WithSummary("Every grant of a user, with its revocation")
            .WithDescription("404 for a user no order names and the game never registered.")
            .Produces<EntitlementHistoryView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status200OK, EntitlementApiExamples.History);
        routes.MapPut("/users/{userId}", RegisterAsync).RequireScope(Scopes.UsersWrite)
            .WithName("RegisterUser").WithTags(Tag).WithSummary("Register a known user (for the Xsolla user check)")
            .WithDescription("Idempotent. A user id is 1 to 255 characters.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> ActiveAsync(string userId, string? environment, EntitlementsDbContext db, CancellationToken cancellationToken)
    {
        if (Invalid(userId, environment, out var environmentName) is { } problem)
        {
            return problem;
        }

        // Sorted in memory: SQLite cannot order by a DateTimeOffset column.
        var grants = await db.Grants.AsNoTracking()
            .Where(g => g.UserId == userId && g.Environment == environmentName && g.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return Results.Ok(UserEntitlementsView.From(userId, environmentName, grants));
    }

    private static async Task<IResult> HistoryAsync(string userId, string? environment, EntitlementsDbContext db, UserRegistry users, CancellationToken cancellationToken)
    {
        if (Invalid(userId, environment, out var environmentName) is { } problem)
        {
            return problem;
        }

        var grants = await db.Grants.AsNoTracking()
            .Where(g => g.UserId == userId && g.Environment == environmentName)
            .ToListAsync(cancellationToken);
        if (grants.Count == 0 && !await users.IsKnownAsync(userId, cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown user", detail: "No order names this user and the game has not registered it.");
        }

        var lines = grants
            .OrderBy(g => g.GrantedAt).ThenBy(g => g.OrderId).ThenBy(g => g.Sku, StringComparer.Ordinal)
            .Select(g => new GrantHistoryLine
            {
                OrderId = g.OrderId,
                Sku = g.Sku,
                Quantity = g.Quantity,
                Provider = g.Provider,
                Account = g.Account,
                GrantedAt = g.GrantedAt,
                Active = g.IsActive,
                RevokedAt = g.RevokedAt,
                RevokeReason = g.RevokeReason,
            })
            .ToList();
        return Results.Ok(new EntitlementHistoryView { UserId = userId, Environment = environmentName, Grants = lines });
    }

    private static async Task<IResult> RegisterAsync(string userId, UserRegistry users, CancellationToken cancellationToken)
    {
        if (InvalidUserId(userId) is { } problem)
        {
            return problem;
        }

        await users.RegisterAsync(userId, UserRegistry.FromApi, cancellationToken);
        return Results.NoContent();
    }

    private static IResult? InvalidUserId(string userId) =>
        UserRegistry.IsValidUserId(userId)
            ? null
            : Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid user id",
                detail: $"A user id is 1 to {UserRegistry.MaxUserIdLength} characters and not only white space.");

    /// <param name="environmentName">The environment asked for; <c>production</c> when the query has none.</param>
    private static IResult? Invalid(string userId, string? environment, out string environmentName)
    {
        environmentName = environment ?? PaymentEnvironments.Production;
        if (InvalidUserId(userId) is { } problem)
        {
            return problem;
        }

        return PaymentEnvironments.IsKnown(environmentName)
            ? null
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid environment", detail: "environment must be production or sandbox.");
    }
}
