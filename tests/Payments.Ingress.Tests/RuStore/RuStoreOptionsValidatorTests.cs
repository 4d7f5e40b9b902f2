using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Payments.Ingress.RuStore;
using Payments.Ingress.Tests.Support;

namespace Payments.Ingress.Tests.RuStore;

public class RuStoreOptionsValidatorTests
{
    [Fact]
    public void Base64_and_hex_keys_are_accepted()
    {
        var result = Validate(TestKeys.Settings());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void A_key_that_is_neither_Base64_of_32_bytes_nor_hex_names_its_setting()
    {
        var settings = TestKeys.Settings();
        settings["Providers:RuStore:Accounts:game1:Keys:1"] = "not-a-key";
        settings["Providers:RuStore:Accounts:game1:SandboxKeys:0"] = Convert.ToBase64String(new byte[16]);

        var result = Validate(settings);

        Assert.Equal(
            [
                "Providers:RuStore:Accounts:game1:Keys[1] is not Base64 of 32 bytes nor 64 hex characters.",
                "Providers:RuStore:Accounts:game1:SandboxKeys[0] is not Base64 of 32 bytes nor 64 hex characters.",
            ],
            result.Failures);
    }

    [Fact]
    public void The_message_never_contains_the_key()
    {
        var settings = TestKeys.Settings();
        settings["Providers:RuStore:Accounts:game1:Keys:0"] = "c2VjcmV0LWJ1dC10b28tc2hvcnQ=";

        var result = Validate(settings);

        Assert.DoesNotContain("c2VjcmV0", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_without_any_key_is_an_error()
    {
        var result = Validate(new() { ["Providers:RuStore:Accounts:game2:Keys"] = "" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Providers:RuStore:Accounts:game2 has no keys", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_with_only_sandbox_keys_is_valid()
    {
        var result = Validate(new() { ["Providers:RuStore:Accounts:sbx:SandboxKeys:0"] = Convert.ToBase64String(TestKeys.Sandbox) });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void One_key_in_both_lists_is_an_error()
    {
        var result = Validate(new()
        {
            ["Providers:RuStore:Accounts:game1:Keys:0"] = Convert.ToBase64String(TestKeys.Current),
            ["Providers:RuStore:Accounts:game1:SandboxKeys:0"] = Convert.ToHexString(TestKeys.Current),
        });

        Assert.Equal(["Providers:RuStore:Accounts:game1: the same key is listed in both Keys and SandboxKeys."], result.Failures);
    }

    [Fact]
    public void An_empty_key_names_its_setting()
    {
        var result = Validate(new()
        {
            ["Providers:RuStore:Accounts:game1:Keys:0"] = Convert.ToBase64String(TestKeys.Current),
            ["Providers:RuStore:Accounts:game1:Keys:1"] = " ",
        });

        Assert.Equal(["Providers:RuStore:Accounts:game1:Keys[1] is empty."], result.Failures);
    }

    [Fact]
    public void An_account_name_outside_the_URL_alphabet_is_an_error()
    {
        var result = Validate(new() { ["Providers:RuStore:Accounts:my game:Keys:0"] = Convert.ToBase64String(TestKeys.Current) });

        Assert.StartsWith("Providers:RuStore:Accounts:my game: the account name must be", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void No_accounts_at_all_is_valid()
    {
        Assert.True(Validate([]).Succeeded);
    }

    [Fact]
    public async Task A_bad_key_stops_the_start_with_the_setting_named()
    {
        var settings = TestKeys.Settings();
        settings["Providers:RuStore:Accounts:game1:Keys:1"] = "0123";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => IngressTestHost.StartAsync(settings));

        Assert.Contains("Providers:RuStore:Accounts:game1:Keys[1] is not Base64 of 32 bytes nor 64 hex characters.", failure.Failures);
    }

    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings)
    {
        var options = new RuStoreOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(RuStoreOptions.SectionName).Bind(options);
        return new RuStoreOptionsValidator().Validate(null, options);
    }
}
