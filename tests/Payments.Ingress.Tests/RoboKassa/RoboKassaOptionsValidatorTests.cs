using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Payments.Ingress.RoboKassa;
using Payments.Ingress.Tests.Support;

namespace Payments.Ingress.Tests.RoboKassa;

public class RoboKassaOptionsValidatorTests
{
    private const string Prefix = "Providers:RoboKassa:Accounts:shop1";

    [Fact]
    public void The_test_shops_are_valid()
    {
        var result = Validate(RoboKassaShop.Settings());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void R1_RIPEMD160_is_refused_with_the_reason()
    {
        var settings = RoboKassaShop.Account("shop1", "RIPEMD160");

        var result = Validate(settings);

        Assert.Equal(
            [
                $"{Prefix}:HashAlgorithm is RIPEMD160, which .NET on Linux cannot compute (it has no RIPEMD-160 implementation): "
                + "choose MD5, SHA1, SHA256, SHA384 or SHA512 in the shop's Technical settings and here.",
            ],
            result.Failures);
    }

    [Fact]
    public async Task R1_RIPEMD160_stops_the_start_with_the_setting_named()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => IngressTestHost.StartAsync(RoboKassaShop.Account("shop1", "ripemd160")));

        Assert.Contains(failure.Failures, f => f.StartsWith($"{Prefix}:HashAlgorithm is RIPEMD160, which .NET on Linux cannot compute", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("Sha256")]
    [InlineData("")]
    public void Algorithm_names_are_read_in_any_case_and_empty_means_MD5(string algorithm)
    {
        Assert.True(Validate(RoboKassaShop.Account("shop1", algorithm)).Succeeded);
    }

    [Fact]
    public void An_unknown_algorithm_names_its_setting_but_not_its_value()
    {
        var result = Validate(RoboKassaShop.Account("shop1", "GOST-secret"));

        Assert.Equal([$"{Prefix}:HashAlgorithm is not one of MD5, SHA1, SHA256, SHA384 or SHA512."], result.Failures);
    }

    [Fact]
    public void An_account_without_passwords_is_an_error()
    {
        var result = Validate(new() { [$"{Prefix}:HashAlgorithm"] = "MD5" });

        Assert.StartsWith($"{Prefix} has no passwords: set {Prefix}:Password1 and :Password2", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Half_a_password_pair_names_the_missing_setting_and_never_the_password()
    {
        var settings = RoboKassaShop.Account("shop1", null);
        settings[$"{Prefix}:Password2"] = "";
        settings[$"{Prefix}:TestPassword1"] = null;

        var result = Validate(settings);

        Assert.Equal(
            [
                $"{Prefix}:Password2 is empty while {Prefix}:Password1 is set: set both.",
                $"{Prefix}:TestPassword1 is empty while {Prefix}:TestPassword2 is set: set both.",
            ],
            result.Failures);
        Assert.DoesNotContain("password_1", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(RoboKassaShop.TestPassword2, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_only_shop_is_valid()
    {
        var result = Validate(new() { [$"{Prefix}:TestPassword1"] = "a", [$"{Prefix}:TestPassword2"] = "b" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void The_same_Password2_for_test_and_live_is_an_error()
    {
        var settings = RoboKassaShop.Account("shop1", null);
        settings[$"{Prefix}:TestPassword2"] = "password_2";

        var result = Validate(settings);

        Assert.Equal([$"{Prefix}:TestPassword2 must differ from {Prefix}:Password2, or a test payment could pass as a real one."], result.Failures);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("Shp_")]
    [InlineData("EMail")]
    public void The_user_parameter_must_be_a_signed_Shp_parameter(string parameter)
    {
        var settings = RoboKassaShop.Account("shop1", null);
        settings[$"{Prefix}:UserParameter"] = parameter;

        var result = Validate(settings);

        Assert.Equal([$"{Prefix}:UserParameter must name a signed Shp_ parameter (such as Shp_user)."], result.Failures);
    }

    [Fact]
    public void An_account_name_outside_the_URL_alphabet_is_an_error()
    {
        var result = Validate(RoboKassaShop.Account("my shop", null));

        Assert.StartsWith("Providers:RoboKassa:Accounts:my shop: the account name must be", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void No_accounts_at_all_is_valid()
    {
        Assert.True(Validate([]).Succeeded);
    }

    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings)
    {
        var options = new RoboKassaOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(RoboKassaOptions.SectionName).Bind(options);
        return new RoboKassaOptionsValidator().Validate(null, options);
    }
}
