using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Contracts;
using Payments.Contracts.Entitlements;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// Xsolla waits about 3 seconds for a <c>user_validation</c> answer and never resends it, yet the first request
/// after a start used to take most of that budget (its response endpoint, serializers and the consumer on the other
/// side were all cold; on a loaded machine it went over). Before Ingress reports ready, one <see cref="ValidateUser"/>
/// marked <see cref="ValidateUser.Warmup"/> makes the whole round trip through the same request client and
/// Entitlements' consumer. Off with <c>Providers:Xsolla:UserValidationWarmup=false</c>, and idle without an Xsolla account.
/// </summary>
internal sealed class XsollaUserValidationWarmup(IServiceScopeFactory scopes, XsollaSecretRing secretRing, IOptions<XsollaOptions> options)
    : IStartupWarmup
{
    /// <summary>The user id of the probe; no game has a user of that name, and it is never stored.</summary>
    public const string UserId = "payments-warmup";

    public string Name => "xsolla-user-validation";

    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        var account = secretRing.Accounts.Order(StringComparer.Ordinal).FirstOrDefault();
        if (account is null || !options.Value.UserValidationWarmup)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<ValidateUser>>();
        var probe = new ValidateUser
        {
            Provider = PaymentProviders.Xsolla,
            Account = account,
            Environment = PaymentEnvironments.Sandbox,
            UserId = UserId,
            Warmup = true,
        };

        // The runner's token limits the attempt; an answer of either kind means the path works.
        await client.GetResponse<UserKnown, UserUnknown>(probe, cancellationToken);
    }
}
