using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Payments.Orders.Api;

namespace Payments.Orders.Tests;

/// <summary>Who a resolution is recorded as asked by: the credential, and the operator a console acts for.</summary>
public sealed class ResolutionCallerTests
{
    [Fact]
    public void The_console_names_the_operator_it_acts_for()
    {
        Assert.Equal("console for alice", OrderEndpoints.RequestedBy(Request("console", "alice")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bad\nname")]
    public void Without_a_usable_operator_name_only_the_credential_is_recorded(string? operatorName)
    {
        Assert.Equal("game", OrderEndpoints.RequestedBy(Request("game", operatorName)));
    }

    [Fact]
    public void An_operator_name_over_100_characters_is_not_recorded()
    {
        Assert.Equal("console", OrderEndpoints.RequestedBy(Request("console", new string('a', 101))));
    }

    private static DefaultHttpContext Request(string caller, string? operatorName)
    {
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, caller)], "test")) };
        if (operatorName is not null)
        {
            http.Request.Headers["X-Payments-Operator"] = operatorName;
        }

        return http;
    }
}
