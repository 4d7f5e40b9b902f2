using Payments.Contracts;
using Payments.Contracts.Providers.RoboKassa;
using Payments.Normalizer.RoboKassa;

namespace Payments.Normalizer.Tests;

public class RoboKassaResultMapperTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static RoboKassaResultReceived Result(string outSum = "100.000000", string? userId = "player-7", string environment = PaymentEnvironments.Production) => new()
    {
        Account = "shop",
        Environment = environment,
        InvId = "450009",
        OutSum = outSum,
        IsTest = environment == PaymentEnvironments.Sandbox,
        ShpParameters = new Dictionary<string, string> { ["Shp_user"] = userId ?? "" },
        UserId = userId,
        RawParameters = new Dictionary<string, string>(),
    };

    [Fact]
    public void A_result_is_a_succeeded_payment_of_the_shops_invoice()
    {
        var succeeded = RoboKassaResultMapper.Map(Result(), Received);

        var expectedOrder = new OrderReference { Provider = "robokassa", Account = "shop", Environment = "production", ProviderOrderId = "450009" };
        Assert.Equal(expectedOrder, succeeded.Order);
        Assert.Equal(expectedOrder.ToOrderId(), succeeded.OrderId);
        Assert.Equal("robokassa:450009", succeeded.Payment.SourceEventId);
        Assert.Equal(Received, succeeded.Payment.OccurredAt);
        Assert.Equal("player-7", succeeded.Payment.UserId);
        Assert.Equal("100.00", succeeded.Payment.Amount);
        Assert.Null(succeeded.Payment.Items);
        Assert.Null(succeeded.Payment.Currency);
    }

    [Fact]
    public void A_test_payment_belongs_to_the_sandbox_order()
    {
        var succeeded = RoboKassaResultMapper.Map(Result(environment: PaymentEnvironments.Sandbox), Received);

        Assert.Equal("sandbox", succeeded.Order.Environment);
        Assert.NotEqual(RoboKassaResultMapper.Map(Result(), Received).OrderId, succeeded.OrderId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_user_parameter_the_user_is_left_to_the_registration(string? userId)
    {
        Assert.Null(RoboKassaResultMapper.Map(Result(userId: userId), Received).Payment.UserId);
    }

    [Theory]
    [InlineData("100.000000", "100.00")]
    [InlineData("4710.00", "4710.00")]
    [InlineData("10", "10.00")]
    [InlineData("10.5", "10.50")]
    [InlineData("0.123456", "0.123456")]
    [InlineData("99.990000", "99.99")]
    [InlineData("007.10", "7.10")]
    public void The_amount_is_a_decimal_string_of_the_same_value(string outSum, string expected)
    {
        var amount = RoboKassaResultMapper.Map(Result(outSum), Received).Payment.Amount;

        Assert.Equal(expected, amount);
        Assert.Equal(decimal.Parse(outSum, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(amount!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1e3")]
    [InlineData("-5.00")]
    [InlineData("100,00")]
    public void An_amount_that_is_not_a_decimal_is_refused_rather_than_passed_on(string outSum)
    {
        Assert.Throws<FormatException>(() => RoboKassaResultMapper.Map(Result(outSum), Received));
    }

    [Fact]
    public void Every_delivery_of_one_invoice_reaches_the_same_order_as_the_same_source_event()
    {
        var first = RoboKassaResultMapper.Map(Result(), Received);
        var retry = RoboKassaResultMapper.Map(Result(), Received.AddMinutes(1));

        Assert.Equal(first.OrderId, retry.OrderId);
        Assert.Equal(first.Payment.SourceEventId, retry.Payment.SourceEventId);
    }
}
