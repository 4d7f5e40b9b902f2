using Microsoft.EntityFrameworkCore;
using Payments.Entitlements.Ledger;
using Payments.Entitlements.Persistence;
using Payments.Persistence;

namespace Payments.Entitlements.Users;

/// <summary>
/// The users the game vouched for (<see cref="KnownUser"/>): named by an order, or registered with
/// <c>PUT /users/{userId}</c>. The key on the user id keeps one row per user whoever registers first.
/// </summary>
internal sealed class UserRegistry(EntitlementsDbContext db, TimeProvider clock, KnownUserCache cache)
{
    private readonly List<string> _staged = [];

    /// <summary>The longest user id stored (the column's size, and what <c>POST /orders</c> accepts).</summary>
    public const int MaxUserIdLength = Payments.Contracts.FieldLimits.UserId;

    public const string FromOrder = "order";
    public const string FromApi = "api";

    public static bool IsValidUserId(string? userId) => !string.IsNullOrWhiteSpace(userId) && userId.Length <= MaxUserIdLength;

    public async Task<bool> IsKnownAsync(string userId, CancellationToken cancellationToken)
    {
        if (cache.Contains(userId))
        {
            return true;
        }

        var known = await db.Users.AsNoTracking().AnyAsync(u => u.UserId == userId, cancellationToken);
        if (known)
        {
            cache.Add(userId);
        }

        return known;
    }

    /// <summary>Adds the user to the caller's unit of work unless known; the caller saves (and handles a lost race), then calls <see cref="Committed"/>.</summary>
    public async Task StageAsync(string userId, string source, CancellationToken cancellationToken)
    {
        if (IsValidUserId(userId) && db.Users.Local.All(u => u.UserId != userId) && !await IsKnownAsync(userId, cancellationToken))
        {
            db.Users.Add(new KnownUser { UserId = userId, Source = source, KnownSince = clock.GetUtcNow() });
            _staged.Add(userId);
        }
    }

    /// <summary>The caller's unit of work was thrown away (its change tracker cleared): nothing it staged counts.</summary>
    public void StartOver() => _staged.Clear();

    /// <summary>The caller's transaction committed: the users it staged are known from now on.</summary>
    public void Committed()
    {
        foreach (var userId in _staged)
        {
            cache.Add(userId);
        }

        _staged.Clear();
    }

    /// <summary>Registers the user now; a registration of the same user that won a race is as good as this one.</summary>
    public async Task RegisterAsync(string userId, string source, CancellationToken cancellationToken)
    {
        await StageAsync(userId, source, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueKeyConflict.Is(exception))
        {
            db.ChangeTracker.Clear();
        }

        Committed();
    }
}
