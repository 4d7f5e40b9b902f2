using System.Text;
using Microsoft.AspNetCore.Http;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Tests.Webhooks;

public class JsonRequestBodyTests
{
    [Fact]
    public async Task A_body_without_Content_Length_is_still_limited()
    {
        var request = Request("application/json", new byte[1025]);

        var body = await JsonRequestBody.ReadAsync(request, limit: 1024, CancellationToken.None);

        Assert.Equal("body_too_large", body.Rejection?.Reason);
    }

    [Fact]
    public async Task A_body_at_the_limit_is_read_whole()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 1024));

        var body = await JsonRequestBody.ReadAsync(Request("application/json; charset=utf-8", bytes), limit: 1024, CancellationToken.None);

        Assert.Equal(bytes, body.Value);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON; charset=UTF-8", true)]
    [InlineData("application/problem+json", false)]
    [InlineData("text/json", false)]
    [InlineData(null, false)]
    public void Only_application_json_is_JSON(string? contentType, bool expected)
    {
        Assert.Equal(expected, JsonRequestBody.HasJsonContentType(Request(contentType, [])));
    }

    private static HttpRequest Request(string? contentType, byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }
}
