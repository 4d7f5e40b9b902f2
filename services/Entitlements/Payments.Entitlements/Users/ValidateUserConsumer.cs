using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Contracts.Entitlements;
using Payments.Entitlements.Ledger;

namespace Payments.Entitlements.Users;

/// <summary>Answers Ingress's <see cref="ValidateUser"/> request for Xsolla's synchronous user check.</summary>
internal sealed class ValidateUserConsumer(EntitlementsDbContext db, IOptions<UserValidationOptions> options) : IConsumer<ValidateUser>
{
    public async Task Consume(ConsumeContext<ValidateUser> context)
    {
        var userId = context.Message.UserId;
        var known = options.Value.Mode == UserValidationMode.AllowAll
            || await db.Users.AsNoTracking().AnyAsync(u => u.UserId == userId, context.CancellationToken);
        if (known)
        {
            await context.RespondAsync(new UserKnown { UserId = userId });
        }
        else
        {
            await context.RespondAsync(new UserUnknown { UserId = userId, Reason = "no order names this user and the game has not registered it" });
        }
    }
}
