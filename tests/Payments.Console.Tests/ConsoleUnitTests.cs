using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Payments.OperatorConsole;
using Payments.OperatorConsole.Pages;
using Payments.OperatorConsole.Services;

namespace Payments.Console.Tests;

public sealed class ConsoleUnitTests
{
    [Theory]
    [InlineData("/console/orders/1?x=2", "/console/orders/1?x=2")]
    [InlineData("/console", "/console")]
    [InlineData("/console?q=a", "/console?q=a")]
    [InlineData("https://evil.example/console", "/console")]
    [InlineData("//evil.example/console", "/console")]
    [InlineData("/console-evil", "/console")]
    [InlineData("/consolex/..", "/console")]
    [InlineData("/console/\\evil", "/console")]
    [InlineData("/orders", "/console")]
    [InlineData(null, "/console")]
    public void Sign_in_returns_only_to_a_console_page(string? returnUrl, string expected) => Assert.Equal(expected, SignInModel.SafeReturnUrl(returnUrl));

    public static TheoryData<OrderDetails, string> Orders => new()
    {
        { new OrderDetails { Status = "paid", Granted = true }, "Granted: the payment" },
        { new OrderDetails { Status = "refunded", Granted = true, Revoked = true }, "Granted, then revoked: the order is refunded." },
        { new OrderDetails { Status = "paid", Blocked = true, AmountMismatch = true, PaidAmount = "5.00", Amount = "9.99", Currency = "USD" }, "Not granted: the grant is blocked because the amount paid (5.00) is not the registered one (9.99 USD)" },
        { new OrderDetails { Status = "paid", Blocked = true, ItemMismatch = true }, "Not granted: the grant is blocked because the items the provider reports" },
        { new OrderDetails { Status = "paid", AwaitingDetails = true }, "Paid, not granted yet: the order's player or items are unknown" },
        { new OrderDetails { Status = "paid", Resolution = "cancel" }, "Not granted: an operator cancelled the grant" },
        { new OrderDetails { Status = "paid", Granted = true, Resolution = "grant-as-paid" }, "Granted after an operator settled it (grant-as-paid)." },
        { new OrderDetails { Status = "failed" }, "Not granted: the payment failed." },
        { new OrderDetails { Status = "authorized" }, "Not granted: not paid yet (status authorized)" },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void The_order_page_says_in_one_sentence_why_an_order_was_or_was_not_granted(OrderDetails order, string expected) =>
        Assert.StartsWith(expected, OrderModel.Why(order), StringComparison.Ordinal);

    [Fact]
    public void The_console_refuses_to_start_without_its_key_or_the_services_it_needs()
    {
        var validator = new ConsoleOptionsValidator(new ConfigurationBuilder().Build());
        var failures = validator.Validate(null, new ConsoleOptions { ApiKey = "short", Services = { ["Orders"] = "ftp://orders", ["Billing"] = "http://billing" } }).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Console:ApiKey", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Console:Services:Entitlements must", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Console:Services:Archive must", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Console:Services:Orders must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Console:Services:Billing is not a service", StringComparison.Ordinal));

        var good = new ConsoleOptions
        {
            ApiKey = new string('k', 40),
            Services = { ["Orders"] = "http://orders:8080", ["Entitlements"] = "http://entitlements:8080", ["Archive"] = "https://archive" },
        };
        Assert.Equal(ValidateOptionsResult.Success, validator.Validate(null, good));
        Assert.Equal(ValidateOptionsResult.Success, validator.Validate(null, new ConsoleOptions { ApiKey = new string('k', 40), SameHost = true }));
    }

    [Fact]
    public void The_identity_provider_sign_in_needs_the_authority_of_Auth_Jwt_and_a_client_id_for_its_secret()
    {
        var sameHost = () => new ConsoleOptions { ApiKey = new string('k', 40), SameHost = true };
        var withoutAuthority = new ConsoleOptionsValidator(new ConfigurationBuilder().Build());
        var clientOnly = sameHost();
        clientOnly.Oidc.ClientId = "payments-console";
        Assert.Contains(withoutAuthority.Validate(null, clientOnly).Failures!, f => f.StartsWith("Console:Oidc:ClientId is set but Auth:Jwt:Authority is not", StringComparison.Ordinal));

        var secretOnly = sameHost();
        secretOnly.Oidc.ClientSecret = "a-secret";
        Assert.Contains(withoutAuthority.Validate(null, secretOnly).Failures!, f => f.StartsWith("Console:Oidc:ClientSecret is set but", StringComparison.Ordinal));

        var withAuthority = new ConsoleOptionsValidator(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Jwt:Authority"] = "https://id.example" }).Build());
        Assert.Equal(ValidateOptionsResult.Success, withAuthority.Validate(null, clientOnly));
    }

    [Fact]
    public void Order_filters_become_query_parameters_and_empty_ones_are_left_out()
    {
        var parameters = new OrderQuery { UserId = "p 1", Blocked = true, AwaitingDetails = false, Limit = 20 }.ToParameters();
        Assert.Equal(
            new Dictionary<string, string?> { ["userId"] = "p 1", ["blocked"] = "true", ["awaitingDetails"] = "false", ["limit"] = "20" },
            parameters);
    }
}
