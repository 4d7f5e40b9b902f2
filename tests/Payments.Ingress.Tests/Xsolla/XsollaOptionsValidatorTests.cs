using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Payments.Ingress.Tests.Support;
using Payments.Ingress.Xsolla;

namespace Payments.Ingress.Tests.Xsolla;

public class XsollaOptionsValidatorTests
{
    [Fact]
    public void Two_secrets_and_a_timeout_under_three_seconds_are_valid()
    {
        var result = Validate(XsollaSecrets.Settings());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void The_user_validation_timeout_defaults_to_two_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), new XsollaOptions().UserValidationTimeout);
    }

    [Fact]
    public void An_account_without_any_secret_names_the_setting()
    {
        var result = Validate(new() { ["Providers:Xsolla:Accounts:game2:SecretKeys"] = "" });

        Assert.Equal(
            ["Providers:Xsolla:Accounts:game2 has no secret keys: set Providers:Xsolla:Accounts:game2:SecretKeys to the project's webhook secret key from Xsolla Publisher Account."],
            result.Failures);
    }

    [Fact]
    public void An_empty_secret_or_one_with_surrounding_spaces_names_its_setting_and_never_echoes_it()
    {
        var result = Validate(new()
        {
            ["Providers:Xsolla:Accounts:game1:SecretKeys:0"] = " ",
            ["Providers:Xsolla:Accounts:game1:SecretKeys:1"] = "hunter2-secret ",
        });

        Assert.Equal(
            ["Providers:Xsolla:Accounts:game1:SecretKeys[0] is empty.", "Providers:Xsolla:Accounts:game1:SecretKeys[1] has leading or trailing whitespace."],
            result.Failures);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_name_outside_the_URL_alphabet_is_an_error()
    {
        var result = Validate(new() { ["Providers:Xsolla:Accounts:my game:SecretKeys:0"] = "secret" });

        Assert.StartsWith("Providers:Xsolla:Accounts:my game: the account name must be", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:00:03")]
    [InlineData("00:00:10")]
    public void A_user_validation_timeout_outside_0_to_3_seconds_is_an_error(string timeout)
    {
        var result = Validate(new() { ["Providers:Xsolla:UserValidationTimeout"] = timeout });

        Assert.StartsWith("Providers:Xsolla:UserValidationTimeout must be more than 0 and less than 3 seconds", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void No_accounts_at_all_is_valid()
    {
        Assert.True(Validate([]).Succeeded);
    }

    [Fact]
    public async Task A_bad_setting_stops_the_start_with_the_setting_named()
    {
        var settings = XsollaSecrets.Settings();
        settings["Providers:Xsolla:Accounts:game1:SecretKeys:1"] = "";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => IngressTestHost.StartAsync(settings));

        Assert.Contains("Providers:Xsolla:Accounts:game1:SecretKeys[1] is empty.", failure.Failures);
    }

    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings)
    {
        var options = new XsollaOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(XsollaOptions.SectionName).Bind(options);
        return new XsollaOptionsValidator().Validate(null, options);
    }
}
