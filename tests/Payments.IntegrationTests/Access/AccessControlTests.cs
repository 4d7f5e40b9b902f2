using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Payments.Contracts.Access;
using Payments.Testing;

namespace Payments.IntegrationTests.Access;

/// <summary>
/// Every non-webhook route × every kind of credential, over real HTTP against the standalone host configured as
/// README.md "Security" says: the exact status, the answer's form, and that a refusal changes nothing.
/// </summary>
public sealed class AccessControlTests(SecuredStandalone host) : IClassFixture<SecuredStandalone>
{
    public enum Credential
    {
        None,
        UnknownKey,
        RevokedKey,
        MalformedAuthorization,
        KeyWithoutScope,
        KeyWithOnlyTheScope,
        KeyAsBearer,
        RotatedInKey,
        Jwt,
        JwtScpArray,
        JwtWithoutScope,
        ExpiredJwt,
        WrongAudienceJwt,
        WrongIssuerJwt,
        UnsignedJwt,
        StrangerSignedJwt,
        HmacJwtWithThePublicKey,
    }

    /// <summary>A route, the scope it needs, and the answer an allowed caller gets (the resources named do not exist, or the call is idempotent).</summary>
    public sealed record Route(string Name, string Scope, HttpMethod Method, string Path, HttpStatusCode Allowed, object? Body = null)
    {
        public override string ToString() => Name;
    }

    private static readonly Route[] Routes =
    [
        new("POST /orders", Scopes.OrdersWrite, HttpMethod.Post, "/orders", HttpStatusCode.Accepted, Registration("acl-allowed", "acl-player")),
        new("GET /orders/…", Scopes.OrdersRead, HttpMethod.Get, "/orders/rustore/demo/acl-never-seen", HttpStatusCode.NotFound),
        new("GET /orders", Scopes.OrdersRead, HttpMethod.Get, "/orders?userId=acl-player&status=paid&limit=5", HttpStatusCode.OK),
        new("GET /orders/by-id/{orderId}", Scopes.OrdersRead, HttpMethod.Get, $"/orders/by-id/{Guid.Empty}", HttpStatusCode.NotFound),
        new("POST /orders/…/resolve", Scopes.OrdersResolve, HttpMethod.Post, "/orders/rustore/demo/acl-never-seen/resolve", HttpStatusCode.NotFound, new { action = "cancel" }),
        new("GET /users/{id}/entitlements", Scopes.EntitlementsRead, HttpMethod.Get, "/users/acl-player/entitlements", HttpStatusCode.OK),
        new("GET /users/{id}/entitlements/history", Scopes.EntitlementsRead, HttpMethod.Get, "/users/acl-nobody/entitlements/history", HttpStatusCode.NotFound),
        new("PUT /users/{id}", Scopes.UsersWrite, HttpMethod.Put, "/users/acl-put", HttpStatusCode.NoContent),
        new("GET /archive/{provider}", Scopes.ArchiveRead, HttpMethod.Get, "/archive/rustore", HttpStatusCode.OK),
        new("GET /archive/{provider}?invoice=", Scopes.ArchiveRead, HttpMethod.Get, "/archive/xsolla?invoice=acl-invoice", HttpStatusCode.OK),
        new("GET /archive/counts", Scopes.ArchiveRead, HttpMethod.Get, "/archive/counts?hours=168", HttpStatusCode.OK),
        new("GET /archive/messages/{id}", Scopes.ArchiveRead, HttpMethod.Get, $"/archive/messages/{Guid.Empty}", HttpStatusCode.NotFound),
        new("POST /archive/messages/{id}/replay", Scopes.ArchiveReplay, HttpMethod.Post, $"/archive/messages/{Guid.Empty}/replay", HttpStatusCode.NotFound),
        new("GET /dead-letters", Scopes.DeadLettersRead, HttpMethod.Get, "/dead-letters", HttpStatusCode.OK),
        new("GET /dead-letters/{queue}", Scopes.DeadLettersRead, HttpMethod.Get, "/dead-letters/acl-none_error", HttpStatusCode.NotFound),
        new("GET /dead-letters/{queue}/{messageId}", Scopes.DeadLettersRead, HttpMethod.Get, $"/dead-letters/order-paid_error/{Guid.Empty}", HttpStatusCode.NotFound),
        new("POST /dead-letters/{queue}/requeue", Scopes.DeadLettersRequeue, HttpMethod.Post, "/dead-letters/order-paid_error/requeue", HttpStatusCode.OK,
            new { messageIds = new[] { Guid.Empty.ToString() } }),
        new("GET /notifier/endpoints", Scopes.NotifierRead, HttpMethod.Get, "/notifier/endpoints", HttpStatusCode.OK),
        new("GET /notifier/endpoints/{name}/deliveries", Scopes.NotifierRead, HttpMethod.Get, "/notifier/endpoints/acl-none/deliveries", HttpStatusCode.NotFound),
        new("GET /notifier/orders/{id}/deliveries", Scopes.NotifierRead, HttpMethod.Get, $"/notifier/orders/{Guid.Empty}/deliveries", HttpStatusCode.OK),
        new("GET /notifier/deliveries/{id}", Scopes.NotifierRead, HttpMethod.Get, "/notifier/deliveries/msg_acl-none", HttpStatusCode.NotFound),
        new("POST /notifier/deliveries/{id}/retry", Scopes.NotifierWrite, HttpMethod.Post, "/notifier/deliveries/msg_acl-none/retry", HttpStatusCode.NotFound),
        new("POST /notifier/endpoints/{name}/test", Scopes.NotifierWrite, HttpMethod.Post, "/notifier/endpoints/acl-none/test", HttpStatusCode.NotFound),
        new("POST /notifier/endpoints/{name}/enable", Scopes.NotifierWrite, HttpMethod.Post, "/notifier/endpoints/acl-none/enable", HttpStatusCode.NotFound),
    ];

    public static TheoryData<Route, Credential> Table()
    {
        var table = new TheoryData<Route, Credential>();
        foreach (var route in Routes)
        {
            foreach (var credential in Enum.GetValues<Credential>())
            {
                table.Add(route, credential);
            }
        }

        return table;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task A_route_answers_each_credential_exactly(Route route, Credential credential)
    {
        using var client = host.Anonymous();
        using var request = Request(route, credential);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        var expected = Expected(route, credential);
        Assert.True(expected == response.StatusCode, $"{route} with {credential}: expected {(int)expected}, got {(int)response.StatusCode} {body}\n{host.RecentOutput}");
        if (expected is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
            var challenge = string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
            Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
            if (expected == HttpStatusCode.Forbidden)
            {
                Assert.Contains($"scope=\"{route.Scope}\"", challenge, StringComparison.Ordinal);
            }

            // Nothing about the resource: not its path, not whether it exists.
            Assert.DoesNotContain("acl-", body, StringComparison.Ordinal);
            Assert.DoesNotContain(Guid.Empty.ToString(), body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_caller_changes_nothing()
    {
        using var client = host.Anonymous();
        var operatorKey = host.Current.Key;
        Credential[] refused = [Credential.None, Credential.UnknownKey, Credential.RevokedKey, Credential.KeyWithoutScope, Credential.ExpiredJwt, Credential.JwtWithoutScope];

        // One archived notification to replay: its order's timeline shows every delivery, replays included.
        using (var webhook = SecuredStandalone.RuStoreWebhook("acl-replayed", "confirmed", "acl-sword"))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(webhook)).StatusCode);
        }

        var messageId = await WaitForArchivedAsync(client, operatorKey, "acl-replayed");
        foreach (var credential in refused)
        {
            var write = new Route("POST /orders", Scopes.OrdersWrite, HttpMethod.Post, "/orders", HttpStatusCode.Accepted, Registration("acl-refused", "acl-thief"));
            var register = new Route("PUT /users/{id}", Scopes.UsersWrite, HttpMethod.Put, "/users/acl-refused-user", HttpStatusCode.NoContent);
            var replay = new Route("POST replay", Scopes.ArchiveReplay, HttpMethod.Post, $"/archive/messages/{messageId}/replay", HttpStatusCode.Accepted);
            foreach (var route in new[] { write, register, replay })
            {
                using var request = Request(route, credential);
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{route} with {credential} answered {response.StatusCode}");
            }
        }

        // An allowed replay and an allowed registration, then the state: only they took effect.
        using (var allowedReplay = Request(new Route("replay", Scopes.ArchiveReplay, HttpMethod.Post, $"/archive/messages/{messageId}/replay", HttpStatusCode.Accepted), Credential.KeyWithOnlyTheScope))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(allowedReplay)).StatusCode);
        }

        using (var marker = Request(new Route("POST /orders", Scopes.OrdersWrite, HttpMethod.Post, "/orders", HttpStatusCode.Accepted, Registration("acl-marker", "acl-player")), Credential.KeyWithOnlyTheScope))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(marker)).StatusCode);
        }

        using var operatorClient = host.Current.Client(host.Url, TimeSpan.FromSeconds(30));
        await host.WaitForOrderAsync(operatorClient, "acl-replayed", o => Deliveries(o) >= 2);
        await host.WaitForOrderAsync(operatorClient, "acl-marker", _ => true);
        await Task.Delay(TimeSpan.FromSeconds(1)); // anything a refusal had published would have been consumed by now

        Assert.Equal(2, Deliveries(await host.WaitForOrderAsync(operatorClient, "acl-replayed", _ => true)));
        Assert.Null(await GetOrderAsync(client, operatorKey, "acl-refused"));
        using var history = new HttpRequestMessage(HttpMethod.Get, "/users/acl-refused-user/entitlements/history");
        history.Headers.Add("X-Api-Key", operatorKey);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(history)).StatusCode);
    }

    [Fact]
    public async Task Health_and_webhooks_answer_without_API_credentials()
    {
        using var client = host.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        using var webhook = SecuredStandalone.RuStoreWebhook("acl-webhook", "confirmed", "acl-sword");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(webhook)).StatusCode);
    }

    [Fact]
    public async Task A_webhook_never_takes_an_API_key_for_the_provider_signature()
    {
        using var client = host.Anonymous();
        var key = host.Current.Key;

        // RuStore: a payload sealed with another key, sent with a key of every scope.
        using var rustore = PaymentPath.RuStoreNotification("demo", new byte[32], "acl-forged", "confirmed", "sku-1").ToHttpRequest();
        rustore.Headers.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(rustore)).StatusCode);

        // Xsolla: the API key where the signature belongs.
        using var xsolla = new HttpRequestMessage(HttpMethod.Post, "/webhooks/xsolla/demo")
        {
            Content = new StringContent("""{"notification_type":"user_validation","user":{"id":"acl-anyone"}}""", Encoding.UTF8, "application/json"),
        };
        xsolla.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        using var xsollaAnswer = await client.SendAsync(xsolla);
        Assert.Equal(HttpStatusCode.BadRequest, xsollaAnswer.StatusCode);
        Assert.Contains("INVALID_SIGNATURE", await xsollaAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // RoboKassa: a wrong signature with the key alongside.
        using var robokassa = new HttpRequestMessage(HttpMethod.Get, "/webhooks/robokassa/demo/result?OutSum=100.00&InvId=77&SignatureValue=00000000000000000000000000000000&Shp_user=acl-anyone");
        robokassa.Headers.Add("X-Api-Key", key);
        using var roboAnswer = await client.SendAsync(robokassa);
        Assert.Equal(HttpStatusCode.BadRequest, roboAnswer.StatusCode);
        Assert.DoesNotContain("OK77", await roboAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Null(await GetOrderAsync(client, key, "acl-forged"));
    }

    [Fact]
    public async Task Neither_a_key_nor_its_digest_nor_a_token_ever_reaches_the_log()
    {
        using var client = host.Anonymous();
        var token = host.Issuer.Token(SecuredStandalone.Audience, [Scopes.OrdersRead], expiresIn: TimeSpan.FromHours(-1));
        var sent = new List<string> { host.Current.Key, host.RevokedKey, host.AllBut[Scopes.OrdersRead].Key, token };
        foreach (var (header, value) in new[]
        {
            ("X-Api-Key", host.Current.Key), ("X-Api-Key", host.RevokedKey), ("X-Api-Key", host.AllBut[Scopes.OrdersRead].Key), ("Authorization", $"Bearer {token}"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/orders/rustore/demo/acl-log");
            request.Headers.TryAddWithoutValidation(header, value);
            using var _ = await client.SendAsync(request);
        }

        await Task.Delay(500); // the host's log lines of those requests
        var log = host.RecentOutput;
        Assert.Contains("ApiKey was not authenticated", log, StringComparison.Ordinal); // the refusals above were logged
        foreach (var secret in sent.Concat(sent.Select(ApiKey.Sha256Hex)).Append(ApiKey.Sha256Hex(host.Previous.Key)))
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }

        // A token's signature part is enough to replay it: not even that.
        Assert.DoesNotContain(token.Split('.')[2], log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_keys_of_a_rotation_work_and_the_rotated_out_one_does_not()
    {
        using var client = host.Anonymous();
        foreach (var (key, expected) in new[] { (host.Previous.Key, HttpStatusCode.OK), (host.Current.Key, HttpStatusCode.OK), (host.RevokedKey, HttpStatusCode.Unauthorized) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/users/acl-player/entitlements");
            request.Headers.Add("X-Api-Key", key);
            Assert.Equal(expected, (await client.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task A_path_or_method_no_route_has_is_404_or_405_and_says_nothing_more()
    {
        using var client = host.Anonymous();
        // GET /orders is the search (a route, so 401 without a key); DELETE is no method of it.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.DeleteAsync("/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-route")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/orders/rustore/demo")).StatusCode);
    }

    private static HttpStatusCode Expected(Route route, Credential credential) => credential switch
    {
        Credential.KeyWithoutScope or Credential.JwtWithoutScope => HttpStatusCode.Forbidden,
        Credential.KeyWithOnlyTheScope or Credential.KeyAsBearer or Credential.RotatedInKey or Credential.Jwt or Credential.JwtScpArray => route.Allowed,
        _ => HttpStatusCode.Unauthorized,
    };

    private HttpRequestMessage Request(Route route, Credential credential)
    {
        var request = new HttpRequestMessage(route.Method, route.Path);
        if (route.Body is not null)
        {
            request.Content = JsonContent.Create(route.Body);
        }

        var issuer = host.Issuer;
        switch (credential)
        {
            case Credential.None:
                break;
            case Credential.UnknownKey:
                request.Headers.Add("X-Api-Key", ApiKey.Generate());
                break;
            case Credential.RevokedKey:
                request.Headers.Add("X-Api-Key", host.RevokedKey);
                break;
            case Credential.MalformedAuthorization:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer");
                break;
            case Credential.KeyWithoutScope:
                request.Headers.Add("X-Api-Key", host.AllBut[route.Scope].Key);
                break;
            case Credential.KeyWithOnlyTheScope:
                request.Headers.Add("X-Api-Key", host.Only[route.Scope].Key);
                break;
            case Credential.KeyAsBearer:
                request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {host.Only[route.Scope].Key}");
                break;
            case Credential.RotatedInKey:
                request.Headers.Add("X-Api-Key", host.Previous.Key);
                break;
            case Credential.Jwt:
                Bearer(issuer.Token(SecuredStandalone.Audience, [route.Scope, Scopes.Console]));
                break;
            case Credential.JwtScpArray:
                Bearer(issuer.Token(SecuredStandalone.Audience, [route.Scope], scopeClaim: "scp"));
                break;
            case Credential.JwtWithoutScope:
                Bearer(issuer.Token(SecuredStandalone.Audience, Scopes.All.Where(s => s != route.Scope)));
                break;
            case Credential.ExpiredJwt:
                Bearer(issuer.Token(SecuredStandalone.Audience, [route.Scope], expiresIn: TimeSpan.FromHours(-1)));
                break;
            case Credential.WrongAudienceJwt:
                Bearer(issuer.Token("another-api", [route.Scope]));
                break;
            case Credential.WrongIssuerJwt:
                Bearer(issuer.Token(SecuredStandalone.Audience, [route.Scope], issuer: "https://issuer.invalid"));
                break;
            case Credential.UnsignedJwt:
                Bearer(issuer.Token(SecuredStandalone.Audience, [route.Scope], withoutSignature: true));
                break;
            case Credential.StrangerSignedJwt:
                Bearer(issuer.Token(SecuredStandalone.Audience, [route.Scope], strangerKey: true));
                break;
            case Credential.HmacJwtWithThePublicKey:
                Bearer(issuer.Token(SecuredStandalone.Audience, [route.Scope], hmacSecret: issuer.PublicKeyBytes));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(credential), credential, null);
        }

        return request;

        void Bearer(string token) => request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
    }

    private static object Registration(string orderId, string userId) => new
    {
        provider = "rustore",
        account = "demo",
        providerOrderId = orderId,
        userId,
        items = new[] { new { sku = "acl-sword", quantity = 1 } },
    };

    private static int Deliveries(JsonElement order) =>
        order.GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("event").GetString() is { } name && name.StartsWith("payment.", StringComparison.Ordinal))
            .Sum(e => 1 + e.GetProperty("duplicates").GetInt32());

    private static async Task<JsonElement?> GetOrderAsync(HttpClient client, string key, string orderId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/rustore/demo/{orderId}");
        request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<Guid> WaitForArchivedAsync(HttpClient client, string key, string orderId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/archive/rustore?order={orderId}");
            request.Headers.Add("X-Api-Key", key);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var notifications = body.RootElement.GetProperty("notifications");
            if (notifications.GetArrayLength() > 0)
            {
                return notifications[0].GetProperty("messageId").GetGuid();
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the notification of {orderId} was never archived\n{host.RecentOutput}");
        return Guid.Empty;
    }
}
