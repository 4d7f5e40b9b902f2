using Payments.Contracts;
using Payments.Contracts.Providers.RoboKassa;

namespace Payments.Ingress.RoboKassa;

/// <summary>The provider message built from a verified ResultURL call, and its deterministic message id.</summary>
internal static class RoboKassaMessages
{
    /// <summary>
    /// One invoice paid for one amount is one provider event, however often RoboKassa calls (docs/providers/robokassa.md, decision A29):
    /// <c>robokassa/{account}/{environment}/{InvId}/{OutSum}</c>, values as received.
    /// </summary>
    public static Guid ResultMessageId(string account, string environment, string invId, string outSum) =>
        NameBasedGuid.Create(NameBasedGuid.ProviderEvents, $"{PaymentProviders.RoboKassa}/{account}/{environment}/{invId}/{outSum}");

    public static RoboKassaResultReceived Result(RoboKassaAccount account, RoboKassaVerifiedCall verified)
    {
        var call = verified.Call;
        var parameters = call.Parameters;
        var shp = parameters.Shp;
        return new RoboKassaResultReceived
        {
            Account = account.Account,
            Environment = verified.Environment,
            InvId = call.InvId,
            OutSum = call.OutSum,
            Fee = parameters.Get(RoboKassaParameters.Fee),
            PaymentMethod = parameters.Get(RoboKassaParameters.PaymentMethod),
            IncCurrLabel = parameters.Get(RoboKassaParameters.IncCurrLabel),
            IsTest = call.IsTest,
            ShpParameters = shp.ToDictionary(StringComparer.Ordinal),
            UserId = account.UserIdOf(parameters),

            // The buyer's e-mail is personal data that nothing downstream uses: it stops here.
            RawParameters = parameters.All
                .Where(p => !p.Key.Equals(RoboKassaParameters.EMail, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(StringComparer.Ordinal),
        };
    }
}
