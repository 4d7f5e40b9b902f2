using System.Text.Json;

namespace Payments.Ingress.Tests.Support;

/// <summary>Reads Xsolla's error answer, checking it has exactly the documented shape: <c>{"error":{"code","message"}}</c>.</summary>
internal static class XsollaAnswer
{
    public static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("error", root.Name);
        var fields = root.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(["code", "message"], fields.Keys.Order());
        Assert.False(string.IsNullOrWhiteSpace(fields["message"]));
        return (fields["code"]!, fields["message"]!);
    }
}
