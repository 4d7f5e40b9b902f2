using System.Net;

namespace Payments.Simulator.Tests;

/// <summary>The provider-neutral request: what goes on the wire, and the altered copies negative tests send.</summary>
public sealed class ProviderRequestTests
{
    private static readonly ProviderRequest Request = ProviderRequest.Json(
        "/webhooks/x/demo?a=1", "{}"u8.ToArray(), new ExpectedAnswer(HttpStatusCode.NoContent, ""), new KeyValuePair<string, string>("Authorization", "Signature 00"));

    [Fact]
    public void A_message_carries_the_exact_body_content_type_and_headers_absolute_or_relative()
    {
        using var absolute = Request.ToHttpRequest(new Uri("http://127.0.0.1:5080/"));
        using var relative = Request.ToHttpRequest();

        Assert.Equal("http://127.0.0.1:5080/webhooks/x/demo?a=1", absolute.RequestUri!.ToString());
        Assert.Equal("/webhooks/x/demo?a=1", relative.RequestUri!.OriginalString);
        Assert.False(relative.RequestUri.IsAbsoluteUri);
        Assert.Equal("application/json", relative.Content!.Headers.ContentType!.ToString());
        Assert.Equal("Signature 00", relative.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void WithHeader_replaces_or_removes_a_header_and_leaves_the_original_alone()
    {
        var replaced = Request.WithHeader("authorization", "Bearer x");
        var removed = Request.WithHeader("Authorization", null);

        Assert.Equal("Bearer x", replaced.Header("Authorization"));
        Assert.Single(replaced.Headers);
        Assert.Null(removed.Header("Authorization"));
        Assert.Equal("Signature 00", Request.Header("Authorization"));
    }

    [Fact]
    public void The_expected_answer_matches_status_and_exact_body()
    {
        var answer = new ExpectedAnswer(HttpStatusCode.OK, "OK5");

        Assert.True(answer.Matches(HttpStatusCode.OK, "OK5"));
        Assert.False(answer.Matches(HttpStatusCode.OK, "OK6"));
        Assert.False(answer.Matches(HttpStatusCode.BadRequest, "OK5"));
        Assert.True(new ExpectedAnswer(HttpStatusCode.OK, null).Matches(HttpStatusCode.OK, "anything"));
    }
}
