using System.Net;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.Vectors;

namespace Payments.Simulator.Tests;

/// <summary>RoboKassa signing and calls against vectors R1–R5 (docs/providers/robokassa.md, test vectors).</summary>
public sealed class RoboKassaCallsTests
{
    /// <summary>R1's parameters, the Shp ones deliberately not in alphabetical order.</summary>
    private static readonly RoboKassaPayment R1 = new()
    {
        OutSum = "100.000000",
        InvId = "450009",
        Shp = [new("Shp_login", "Vasya"), new("Shp_oplata", "1")],
    };

    [Theory]
    [InlineData("MD5", RoboKassaVectors.R1Md5)]
    [InlineData("SHA1", RoboKassaVectors.R1Sha1)]
    [InlineData("SHA256", RoboKassaVectors.R1Sha256)]
    [InlineData("sha384", RoboKassaVectors.R1Sha384)]
    [InlineData("SHA512", RoboKassaVectors.R1Sha512)]
    public void R1_in_every_supported_algorithm(string algorithm, string expected)
    {
        var baseString = RoboKassaCalls.BaseString("100.000000", "450009", RoboKassaVectors.Password2, [new("Shp_oplata", "1"), new("Shp_login", "Vasya")]);

        Assert.Equal(RoboKassaVectors.R1Base, baseString);
        Assert.Equal(expected, RoboKassaCalls.Sign(algorithm, baseString));
    }

    [Fact]
    public void R1_RIPEMD160_is_refused_rather_than_signed_wrongly()
    {
        Assert.Throws<ArgumentException>(() => RoboKassaCalls.Sign("RIPEMD160", RoboKassaVectors.R1Base));
    }

    [Fact]
    public void R1_as_a_form_POST_is_the_documented_example_body()
    {
        var request = RoboKassaCalls.Result("shop1", R1, RoboKassaVectors.Password2, "MD5");

        Assert.Equal(RoboKassaVectors.R1Body, request.BodyText);
        Assert.Equal((HttpMethod.Post, "/webhooks/robokassa/shop1/result", "application/x-www-form-urlencoded"), (request.Method, request.PathAndQuery, request.ContentType));
        Assert.Equal(new ExpectedAnswer(HttpStatusCode.OK, "OK450009"), request.Answer);
    }

    [Fact]
    public void R1_as_a_GET_carries_the_same_parameters_in_the_query_and_lowercase_hex_on_request()
    {
        var request = RoboKassaCalls.Result("shop1", R1, RoboKassaVectors.Password2, "MD5", new RoboKassaCallOptions { UseGet = true, LowercaseHex = true });

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Null(request.Body);
        Assert.Equal("/webhooks/robokassa/shop1/result?" + RoboKassaVectors.R1Body.Replace(RoboKassaVectors.R1Md5, RoboKassaVectors.R1Md5.ToLowerInvariant(), StringComparison.Ordinal), request.PathAndQuery);
    }

    [Fact]
    public void R2_without_custom_parameters()
    {
        var parameters = RoboKassaCalls.Parameters(R1 with { Shp = [] }, RoboKassaVectors.Password2, "MD5");

        Assert.Equal(RoboKassaVectors.R2Base, RoboKassaCalls.BaseString("100.000000", "450009", RoboKassaVectors.Password2, []));
        Assert.Equal(RoboKassaVectors.R2Md5, parameters.Single(p => p.Key == "SignatureValue").Value);
    }

    [Fact]
    public void R3_the_SuccessURL_redirect_is_signed_with_Password1()
    {
        var request = RoboKassaCalls.SuccessRedirect("shop1", new RoboKassaPayment { OutSum = "4710.00", InvId = "63", Culture = "ru" }, RoboKassaVectors.Password1, "MD5");

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal($"/webhooks/robokassa/shop1/success?OutSum=4710.00&InvId=63&SignatureValue={RoboKassaVectors.R3Md5}&Culture=ru", request.PathAndQuery);
    }

    [Fact]
    public void R4a_custom_parameters_sort_case_insensitively_by_default()
    {
        KeyValuePair<string, string>[] shp = [new("Shp_b", "2"), new("shp_a", "1")];

        Assert.Equal(RoboKassaVectors.R4aBase, RoboKassaCalls.BaseString("10.00", "7", RoboKassaVectors.Password2, shp));
        Assert.Equal(RoboKassaVectors.R4aMd5, RoboKassaCalls.Sign("MD5", RoboKassaVectors.R4aBase));
    }

    [Fact]
    public void R4b_byte_order_on_request()
    {
        var payment = new RoboKassaPayment { OutSum = "10.00", InvId = "7", Shp = [new("Shp_b", "2"), new("shp_a", "1")] };

        var parameters = RoboKassaCalls.Parameters(payment, RoboKassaVectors.Password2, "MD5", new RoboKassaCallOptions { ShpOrder = RoboKassaShpOrder.Ordinal });

        Assert.Equal(RoboKassaVectors.R4bBase, RoboKassaCalls.BaseString("10.00", "7", RoboKassaVectors.Password2, payment.Shp, RoboKassaShpOrder.Ordinal));
        Assert.Equal(RoboKassaVectors.R4bMd5, parameters.Single(p => p.Key == "SignatureValue").Value);
    }

    [Fact]
    public void Case_insensitive_order_folds_to_lowercase_so_an_underscore_sorts_before_letters()
    {
        Assert.Equal("1:2:p:Shp_a_b=1:Shp_ab=2", RoboKassaCalls.BaseString("1", "2", "p", [new("Shp_ab", "2"), new("Shp_a_b", "1")]));
    }

    [Fact]
    public void R5_the_result_call_for_a_Cyrillic_user_is_signed_over_UTF_8_and_sent_percent_encoded()
    {
        var payment = new RoboKassaPayment { OutSum = RoboKassaCalls.OutSum(150m), InvId = "1001", Shp = [new(RoboKassaCalls.UserParameter, "Иван")] };

        var request = RoboKassaCalls.Result("demo", payment, RoboKassaVectors.Password2, "MD5");

        Assert.Equal(RoboKassaVectors.R5Base, RoboKassaCalls.BaseString(payment.OutSum, payment.InvId, RoboKassaVectors.Password2, payment.Shp));
        Assert.Equal(
            $"OutSum=150.000000&InvId=1001&SignatureValue={RoboKassaVectors.R5Md5}&Shp_user=%D0%98%D0%B2%D0%B0%D0%BD", request.BodyText);
    }

    [Fact]
    public void A_test_payment_says_IsTest_last_and_the_optional_fields_come_before_the_signature()
    {
        var payment = new RoboKassaPayment
        {
            OutSum = RoboKassaCalls.OutSum(10.5m), InvId = "5", Fee = "0.41", EMail = "buyer@example.com", PaymentMethod = "BankCard", IncCurrLabel = "BankCardPSR",
            Shp = [new("Shp_user", "u")], IsTest = true,
        };

        var request = RoboKassaCalls.Result("demo", payment, "test_password_2", "MD5", new RoboKassaCallOptions { UseGet = true });

        var signature = RoboKassaCalls.Sign("MD5", "10.500000:5:test_password_2:Shp_user=u");
        Assert.Equal(
            $"/webhooks/robokassa/demo/result?OutSum=10.500000&InvId=5&Fee=0.41&EMail=buyer%40example.com&PaymentMethod=BankCard&IncCurrLabel=BankCardPSR&SignatureValue={signature}&Shp_user=u&IsTest=1",
            request.PathAndQuery);
    }

    [Fact]
    public void Raw_calls_keep_their_parameters_and_expect_OK_with_their_InvId()
    {
        var request = RoboKassaCalls.ResultCall("shop1", [new("InvId", "9"), new("OutSum", "x")], query: "?Culture=ru");

        Assert.Equal(("/webhooks/robokassa/shop1/result?Culture=ru", "InvId=9&OutSum=x"), (request.PathAndQuery, request.BodyText));
        Assert.Equal("OK9", request.Answer.ExactBody);
    }
}
