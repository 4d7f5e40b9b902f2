using System.Text;
using Payments.Cli.Notifications;

namespace Payments.Cli.Tests.Builders;

/// <summary>The CLI's RoboKassa signature against PROTOCOLS.md §3.6 (R1, R2, R4a, R5).</summary>
public sealed class RoboKassaResultBuilderTests
{
    private static readonly KeyValuePair<string, string>[] R1Shp = [new("Shp_oplata", "1"), new("Shp_login", "Vasya")];

    [Theory]
    [InlineData("MD5", "4ADCEF23DEDED52FAEF69A96EFDF67E8")]
    [InlineData("SHA1", "C1552D00283C6DD73796AB91B12F0DDB05988D11")]
    [InlineData("SHA256", "025E4F4F5385F685E8B04A9FCF7021FF3084F89D0AFBADD977B3609C09D31FC9")]
    [InlineData("sha384", "65D697E191E0E0FDD3E32F53B1A3D019788335364FB298676C1D4962C640D54A20CAB9534715B0C52D4DCF4E7850174B")]
    [InlineData("SHA512", "914357059659ABEB408910809292020E462A68B9004678C4B2EF4F86C351A4608ABA03B602BD72DFD5C6BDB3F876D4A3A0AF814A62D82B219987D5AE56271240")]
    public void R1_in_every_supported_algorithm(string algorithm, string expected)
    {
        var baseString = RoboKassaSignature.BaseString("100.000000", "450009", "password_2", R1Shp);

        Assert.Equal("100.000000:450009:password_2:Shp_login=Vasya:Shp_oplata=1", baseString);
        Assert.Equal(expected, RoboKassaSignature.Sign(algorithm, baseString));
    }

    [Fact]
    public void R2_without_custom_parameters()
    {
        Assert.Equal("1ABAD979EE03E586478F578B5E37F180", RoboKassaSignature.Sign("MD5", RoboKassaSignature.BaseString("100.000000", "450009", "password_2", [])));
    }

    [Fact]
    public void R4a_custom_parameters_sort_case_insensitively()
    {
        var baseString = RoboKassaSignature.BaseString("10.00", "7", "password_2", [new("Shp_b", "2"), new("shp_a", "1")]);

        Assert.Equal("7A886263C1378417666E5F4A630AE0B1", RoboKassaSignature.Sign("MD5", baseString));
    }

    [Fact]
    public void R5_the_result_call_for_a_Cyrillic_user_is_signed_over_UTF_8_and_sent_as_a_form()
    {
        var purchase = new Purchase { Account = "demo", Order = "1001", User = "Иван", Sku = "sword", Amount = "150" };

        var parameters = RoboKassaResultBuilder.Parameters(purchase, "password_2", "MD5");
        var request = RoboKassaResultBuilder.Request("demo", parameters, useGet: false);

        var values = parameters.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(("150.000000", "1001", "Иван", "A9EF02DB68ED7CDCE47BC506561C1F7C"), (values["OutSum"], values["InvId"], values["Shp_user"], values["SignatureValue"]));
        Assert.False(values.ContainsKey("IsTest"));
        Assert.Equal(("/webhooks/robokassa/demo/result", "application/x-www-form-urlencoded"), (request.PathAndQuery, request.ContentType));
        Assert.Contains("Shp_user=%D0%98%D0%B2%D0%B0%D0%BD", Encoding.UTF8.GetString(request.Body!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_payment_says_IsTest_and_a_GET_carries_the_parameters_in_the_query()
    {
        var purchase = new Purchase { Account = "demo", Order = "5", User = "u", Sku = "s", Amount = "10.5", Sandbox = true };

        var request = RoboKassaResultBuilder.Request("demo", RoboKassaResultBuilder.Parameters(purchase, "test_password_2", "MD5"), useGet: true);

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Null(request.Body);
        Assert.StartsWith("/webhooks/robokassa/demo/result?OutSum=10.500000&InvId=5&", request.PathAndQuery, StringComparison.Ordinal);
        Assert.EndsWith("&IsTest=1", request.PathAndQuery, StringComparison.Ordinal);
        var expected = RoboKassaSignature.Sign("MD5", "10.500000:5:test_password_2:Shp_user=u");
        Assert.Contains($"SignatureValue={expected}", request.PathAndQuery, StringComparison.Ordinal);
    }
}
