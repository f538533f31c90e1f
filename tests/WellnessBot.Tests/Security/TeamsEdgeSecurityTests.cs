using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using WellnessBot.Bot.Hosting;
using WellnessBot.Tests.Harness;
using WellnessBot.Tests.Teams;

namespace WellnessBot.Tests.Security;

/// <summary>
/// Attacks on /api/messages with Bot Framework authentication on (issue 19's table): each is refused, and nothing
/// was queued (so nothing stored, no turn) and nothing sent to the Connector.
/// </summary>
public sealed class TeamsEdgeSecurityTests
{
    private const string Tenant = TeamsActivities.Tenant;

    private static (BotFrameworkHost Host, RecordingQueue Queue) Start(params (string, string)[] settings)
    {
        var queue = new RecordingQueue();
        return (new BotFrameworkHost(services => services.AddSingleton<ITurnQueue>(queue), settings), queue);
    }

    /// <summary>Production, as deployed: a MultiTenant bot serving one tenant.</summary>
    private static (BotFrameworkHost Host, RecordingQueue Queue) Production() =>
        Start(("environment", "Production"), ("Teams:AllowedTenants:0", Tenant), ("Support:Keys:t", WellnessBot.Testing.TestSupportKey.Value));

    private static void NothingStoredOrSent(BotFrameworkHost host, RecordingQueue queue)
    {
        Assert.Empty(queue.Requests);
        Assert.Empty(host.ConnectorCalls());
    }

    private static string Unsigned(string serviceUrl) =>
        Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(new
        {
            iss = BotFrameworkHost.Issuer, aud = BotFrameworkHost.AppId, serviceurl = serviceUrl,
            nbf = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), exp = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds(),
        })) + ".";

    public static TheoryData<string> ForgedTokens => new()
    {
        "signed by a key not in the metadata", "expired beyond the 5-minute skew", "not valid yet", "for another bot (audience)",
        "from another issuer", "alg none (unsigned)", "not a JWT", "Basic scheme", "no Authorization header",
        "replayed for another serviceUrl",
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task ForgedExpiredAndReplayedTokensGet401AndNothingIsStoredOrSent(string attack)
    {
        var (host, queue) = Start();
        await using var _ = host;
        var attacker = "https://attacker.example/";
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.Personal(host.ServiceUrl, "h3 requests"))!;
        string? header = attack switch
        {
            "signed by a key not in the metadata" => "Bearer " + host.ChannelToken(key: host.OtherKey),
            "expired beyond the 5-minute skew" => "Bearer " + host.ChannelToken(expires: DateTime.UtcNow.AddMinutes(-10), notBefore: DateTime.UtcNow.AddMinutes(-70)),
            "not valid yet" => "Bearer " + host.ChannelToken(notBefore: DateTime.UtcNow.AddMinutes(20), expires: DateTime.UtcNow.AddMinutes(80)),
            "for another bot (audience)" => "Bearer " + host.ChannelToken(audience: "22222222-aaaa-4bbb-8ccc-000000000002"),
            "from another issuer" => "Bearer " + host.ChannelToken(issuer: "https://api.attacker.example"),
            "alg none (unsigned)" => "Bearer " + Unsigned(host.ServiceUrl),
            "not a JWT" => "Bearer not-a-token",
            "Basic scheme" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(BotFrameworkHost.AppId + ":not-a-real-secret")),
            "no Authorization header" => null,
            _ => "Bearer " + host.ChannelToken(), // a real token, captured and replayed with the attacker's serviceUrl
        };
        if (attack == "replayed for another serviceUrl") activity["serviceUrl"] = attacker;

        var response = await SendAsync(host, activity, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        NothingStoredOrSent(host, queue);
    }

    [Fact]
    public async Task EmulatorTokensAreRefusedInProduction()
    {
        var (host, queue) = Production();
        await using var _ = host;
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.Personal(host.ServiceUrl, "help"))!;
        activity["channelId"] = "emulator";
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(host, activity, "Bearer " + host.EmulatorToken())).StatusCode);
        NothingStoredOrSent(host, queue);
    }

    [Theory]
    [InlineData("https://storage.azure.com")] // the same identity's token for another resource
    [InlineData("https://vault.azure.net")]
    public async Task EmulatorTokensForAnotherAudienceAreRefused(string audience)
    {
        var (host, queue) = Start();
        await using var _ = host;
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.Personal(host.ServiceUrl, "help"))!;
        activity["channelId"] = "emulator";
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BotFrameworkHost.EmulatorIssuer, Audience = audience,
            Claims = new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = BotFrameworkHost.AppId },
            NotBefore = DateTime.UtcNow.AddMinutes(-1), Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(host.EmulatorKey) { KeyId = BotFrameworkHost.KeyId(host.EmulatorKey) }, SecurityAlgorithms.RsaSha256),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(host, activity, "Bearer " + token)).StatusCode);
        NothingStoredOrSent(host, queue);
    }

    [Theory]
    [InlineData("webchat")]   // the key is endorsed for it, but /api/messages serves Teams
    [InlineData("directline")]
    [InlineData("slack")]     // Slack has its own, signed edge
    [InlineData("emulator")]  // an Emulator activity under a Connector token
    public async Task ChannelsOtherThanTeamsAreRefused(string channel)
    {
        var (host, queue) = Start();
        await using var _ = host;
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.Personal(host.ServiceUrl, "help"))!;
        activity["channelId"] = channel;
        var response = await SendAsync(host, activity, "Bearer " + host.ChannelToken());
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
        NothingStoredOrSent(host, queue);
    }

    public static TheoryData<string> ForeignTenants => new() { "another tenant", "no tenant", "two tenants that disagree" };

    [Theory]
    [MemberData(nameof(ForeignTenants))]
    public async Task ForeignTenantsGet403AndALogEvent(string attack)
    {
        var (host, queue) = Production();
        await using var _ = host;
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.Personal(host.ServiceUrl, "h3 requests"))!;
        var conversation = activity["conversation"]!.AsObject();
        switch (attack)
        {
            case "another tenant":
                conversation["tenantId"] = "99999999-0000-4000-8000-0000000000ff";
                activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "99999999-0000-4000-8000-0000000000ff" } };
                break;
            case "no tenant":
                conversation.Remove("tenantId");
                activity.AsObject().Remove("channelData");
                break;
            default:
                conversation["tenantId"] = "99999999-0000-4000-8000-0000000000ff"; // channelData still says ours
                break;
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(host, activity, "Bearer " + host.ChannelToken())).StatusCode);
        NothingStoredOrSent(host, queue);
        Assert.Contains(host.Logs.Lines, l => l.Contains("not in Teams:AllowedTenants", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAllowedTenantIsServedInProduction()
    {
        var (host, queue) = Production();
        await using var _ = host;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, JsonSerializer.SerializeToNode(TeamsActivities.Personal(host.ServiceUrl, "help"))!, "Bearer " + host.ChannelToken())).StatusCode);
        Assert.Single(queue.Requests); // the control: the refusals above are the rules, not a broken host
    }

    [Theory]
    [InlineData("text/plain")] // what a web page may POST cross-site without a preflight
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task AnythingButJsonGets415(string? contentType)
    {
        var (host, queue) = Start();
        await using var _ = host;
        var content = new StringContent(JsonSerializer.Serialize(TeamsActivities.Personal(host.ServiceUrl, "help")));
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var response = await host.SendAsync(content, "Bearer " + host.ChannelToken());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        NothingStoredOrSent(host, queue);
    }

    [Theory]
    [InlineData("oversized")]
    [InlineData("deeply nested")]
    public async Task OversizedAndDeeplyNestedJsonIsRefusedWithoutA5xx(string attack)
    {
        var (host, queue) = Start();
        await using var _ = host;
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.Personal(host.ServiceUrl, "help"))!;
        string body;
        if (attack == "oversized")
        {
            activity["text"] = new string('a', 300 * 1024);
            body = activity.ToJsonString();
        }
        else
        {
            body = activity.ToJsonString().TrimEnd('}') + ",\"value\":" + new string('[', 5000) + new string(']', 5000) + "}";
        }
        var response = await SendAsync(host, body, "Bearer " + host.ChannelToken());
        Assert.Equal(attack == "oversized" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest, response.StatusCode);
        NothingStoredOrSent(host, queue);
    }

    private static Task<HttpResponseMessage> SendAsync(BotFrameworkHost host, object activity, string? authorization) =>
        host.SendAsync(new StringContent(activity is JsonNode node ? node.ToJsonString() : (string)activity, Encoding.UTF8, "application/json"), authorization);
}
