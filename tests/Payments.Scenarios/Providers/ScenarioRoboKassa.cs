using System.Globalization;
using Payments.Simulator.RoboKassa;

namespace Payments.Scenarios.Providers;

/// <summary>The RoboKassa payments the scenarios (and the bench) report: the simulator's call with a shop's usual fields.</summary>
public static class ScenarioRoboKassa
{
    /// <param name="userId">Sent as <c>Shp_user</c> (the account's default user parameter), signed; null for none.</param>
    public static RoboKassaPayment Payment(long invId, decimal price, string? userId, bool isTest = false)
    {
        // Only our own Shp names, all in one style, so every ordering RoboKassa might use agrees.
        var shp = new List<KeyValuePair<string, string>> { new("Shp_source", "scenario") };
        if (userId is not null)
        {
            shp.Add(new(RoboKassaCalls.UserParameter, userId));
        }

        return new RoboKassaPayment
        {
            InvId = invId.ToString(CultureInfo.InvariantCulture),
            OutSum = RoboKassaCalls.OutSum(price),
            Fee = (price * 0.039m).ToString("0.00", CultureInfo.InvariantCulture),
            EMail = "buyer@example.com",
            PaymentMethod = "BankCard",
            IncCurrLabel = "BankCardPSR",
            Shp = shp,
            IsTest = isTest,
        };
    }
}
