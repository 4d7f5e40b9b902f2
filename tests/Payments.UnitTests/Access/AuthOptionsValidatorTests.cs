using Payments.Contracts.Access;
using Payments.ServiceDefaults.Security;

namespace Payments.UnitTests.Access;

public sealed class AuthOptionsValidatorTests
{
    private static readonly string Digest = ApiKey.Sha256Hex(ApiKey.Generate());

    [Fact]
    public void Keys_with_known_scopes_and_a_complete_jwt_section_are_accepted()
    {
        var options = new AuthOptions
        {
            ApiKeys = { ["game"] = Key(Digest, Scopes.OrdersWrite, Scopes.OrdersRead), ["game-next"] = Key(ApiKey.Sha256Hex(ApiKey.Generate()), Scopes.OrdersWrite) },
            Jwt = { Authority = "https://login.example.com/realms/games", Audience = "payments-api" },
        };
        Assert.True(new AuthOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("", "Auth:ApiKeys:game:Sha256")]
    [InlineData("abc", "Auth:ApiKeys:game:Sha256")]
    [InlineData("ZZ23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Auth:ApiKeys:game:Sha256")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", "Auth:ApiKeys:game:Sha256")]
    public void A_malformed_digest_is_refused_naming_the_setting(string digest, string setting)
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { ApiKeys = { ["game"] = Key(digest, Scopes.OrdersRead) } });
        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_without_scopes_or_with_an_unknown_scope_is_refused()
    {
        var none = new AuthOptionsValidator().Validate(null, new AuthOptions { ApiKeys = { ["empty"] = Key(Digest) } });
        Assert.Contains("Auth:ApiKeys:empty:Scopes is empty", none.FailureMessage, StringComparison.Ordinal);

        var unknown = new AuthOptionsValidator().Validate(null, new AuthOptions { ApiKeys = { ["typo"] = Key(Digest, "order:write") } });
        Assert.Contains("Auth:ApiKeys:typo:Scopes names 'order:write'", unknown.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_key_under_two_names_is_refused()
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { ApiKeys = { ["a"] = Key(Digest, Scopes.OrdersRead), ["b"] = Key(Digest, Scopes.ArchiveRead) } });
        Assert.True(result.Failed);
        Assert.Contains("same key", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.example.com", "payments-api", "Auth:Jwt:Authority must use https")]
    [InlineData("login.example.com", "payments-api", "Auth:Jwt:Authority must be an absolute")]
    [InlineData("https://login.example.com", null, "Auth:Jwt:Audience is required")]
    [InlineData(null, "payments-api", "Auth:Jwt:Audience is set but Auth:Jwt:Authority is not")]
    public void An_incomplete_or_plain_http_jwt_section_is_refused(string? authority, string? audience, string message)
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { Jwt = { Authority = authority, Audience = audience } });
        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loopback_issuer_may_use_plain_http()
    {
        var options = new AuthOptions { Jwt = { Authority = "http://127.0.0.1:8080", Audience = "payments-api" } };
        Assert.True(new AuthOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("short", "at least 32")]
    [InlineData("a-key-of-thirty-two-characters!! with space", "white space")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "dot")]
    public void A_key_a_tool_would_send_is_checked_for_its_form(string key, string why)
    {
        Assert.Contains(why, ApiKey.Problem(key, "PAYMENTS_API_KEY"), StringComparison.Ordinal);
        Assert.StartsWith("PAYMENTS_API_KEY", ApiKey.Problem(key, "PAYMENTS_API_KEY"), StringComparison.Ordinal);
        Assert.Null(ApiKey.Problem(ApiKey.Generate(), "PAYMENTS_API_KEY"));
        Assert.Null(ApiKey.Problem(ApiKey.StandaloneDevelopmentKey, "PAYMENTS_API_KEY"));
    }

    [Fact]
    public void A_digest_is_the_lowercase_hex_sha256_that_sha256sum_prints()
    {
        // printf %s x | sha256sum
        Assert.True(ApiKey.IsSha256Hex(ApiKey.Sha256Hex("x")));
        Assert.Equal("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", ApiKey.Sha256Hex("x"));
    }

    private static ApiKeyOptions Key(string digest, params string[] scopes) => new() { Sha256 = digest, Scopes = [.. scopes] };
}
