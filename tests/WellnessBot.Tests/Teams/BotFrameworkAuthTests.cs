using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Teams;

/// <summary>Every request to /api/messages proves itself with a Bot Framework token before the bot reads it.</summary>
public sealed class BotFrameworkAuthTests : BotFrameworkHostTests
{
    private object Help => TeamsActivities.Personal(Host.ServiceUrl, "help");

    [Fact]
    public async Task AValidChannelTokenIsAcceptedAndTheBotReplies()
    {
        var response = await Host.PostAsync(Help, Host.ChannelToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Host.ConnectorCalls(), c => c.Method == "POST");
    }

    public static TheoryData<string> Rejections => new()
    {
        "expired", "not yet valid", "wrong audience", "wrong issuer", "not endorsed for msteams", "tampered signature",
        "serviceUrl claim mismatch", "unsigned (alg none)", "HS256 with a shared secret", "key unknown even after refresh",
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task BadTokensGet401AndTheBotSaysNothing(string problem)
    {
        var token = problem switch
        {
            "expired" => Host.ChannelToken(expires: DateTime.UtcNow.AddMinutes(-10), notBefore: DateTime.UtcNow.AddMinutes(-40)),
            "not yet valid" => Host.ChannelToken(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddMinutes(40)),
            "wrong audience" => Host.ChannelToken(audience: "22222222-0000-0000-0000-000000000000"),
            "wrong issuer" => Host.ChannelToken(issuer: "https://api.example.test"),
            "not endorsed for msteams" => EndorsedOnlyFor("webchat"),
            "tampered signature" => Tamper(Host.ChannelToken()),
            "serviceUrl claim mismatch" => Host.ChannelToken(serviceUrl: "https://smba.trafficmanager.net/amer/"),
            "unsigned (alg none)" => Unsigned(),
            "HS256 with a shared secret" => SymmetricallySigned(),
            "key unknown even after refresh" => Host.ChannelToken(key: Host.OtherKey),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var response = await Host.PostAsync(Help, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync()); // no details leaked
        Assert.Empty(Host.ConnectorCalls());
    }

    [Fact]
    public async Task ATokenJustPastExpiryIsWithinTheFiveMinuteClockSkew()
    {
        var response = await Host.PostAsync(Help, Host.ChannelToken(expires: DateTime.UtcNow.AddMinutes(-2), notBefore: DateTime.UtcNow.AddMinutes(-30)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NoHeaderIs401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.PostAsync(Help, token: null)).StatusCode);
        Assert.Empty(Host.ConnectorCalls());
    }

    [Fact]
    public async Task ARotatedKeyIsFoundByRefreshingTheMetadata()
    {
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(Help, Host.ChannelToken())).StatusCode); // metadata now cached

        using var rotated = System.Security.Cryptography.RSA.Create(2048);
        Host.PublishKeys([(rotated, ["msteams"])]);
        var response = await Host.PostAsync(TeamsActivities.Personal(Host.ServiceUrl, "help", id: "1002"), Host.ChannelToken(key: rotated));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EmulatorTokensForThisAppAreAcceptedOnTheEmulatorChannelAndForOthersRefused()
    {
        var fromEmulator = System.Text.Json.JsonSerializer.SerializeToNode(Help)!;
        fromEmulator["channelId"] = "emulator";
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(fromEmulator.ToJsonString(), Host.EmulatorToken())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.PostAsync(fromEmulator.ToJsonString(), Host.EmulatorToken(appId: "someone-else"))).StatusCode);
        // An Emulator token does not make its holder Teams.
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.PostAsync(Help, Host.EmulatorToken())).StatusCode);
    }

    [Fact]
    public async Task AuthIsCheckedBeforeTheBodyIsParsed()
    {
        var response = await Host.PostAsync("{ this is not json", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var authenticated = await Host.PostAsync("{ this is not json", Host.ChannelToken());
        Assert.Equal(HttpStatusCode.BadRequest, authenticated.StatusCode);
    }

    private string EndorsedOnlyFor(string channel)
    {
        Host.PublishKeys([(Host.ChannelKey, [channel])]);
        return Host.ChannelToken();
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"aud\"", "\"aud\"", StringComparison.Ordinal);
        var tampered = payload.Replace("\"serviceurl\":\"", "\"serviceurl\":\"x", StringComparison.Ordinal);
        return parts[0] + "." + Base64UrlEncoder.Encode(tampered) + "." + parts[2];
    }

    private string Unsigned()
    {
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode($"{{\"iss\":\"{BotFrameworkHost.Issuer}\",\"aud\":\"{BotFrameworkHost.AppId}\",\"nbf\":{now - 60},\"exp\":{now + 600},\"serviceurl\":\"{Host.ServiceUrl}\"}}");
        return header + "." + payload + ".";
    }

    private string SymmetricallySigned() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = BotFrameworkHost.Issuer,
        Audience = BotFrameworkHost.AppId,
        Claims = new Dictionary<string, object> { ["serviceurl"] = Host.ServiceUrl },
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
    });
}
