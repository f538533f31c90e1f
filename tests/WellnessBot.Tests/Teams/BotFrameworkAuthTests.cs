using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WellnessBot.Tests.Support;

namespace WellnessBot.Tests.Teams;

/// <summary>Every request to /api/messages proves itself with a Bot Framework token before the bot reads it.</summary>
public sealed class BotFrameworkAuthTests : IAsyncLifetime
{
    private BotFrameworkHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new BotFrameworkHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private object Help => TeamsActivities.Personal(_host.ServiceUrl, "help");

    [Fact]
    public async Task AValidChannelTokenIsAcceptedAndTheBotReplies()
    {
        var response = await _host.PostAsync(Help, _host.ChannelToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.ConnectorCalls(), c => c.Method == "POST");
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
            "expired" => _host.ChannelToken(expires: DateTime.UtcNow.AddMinutes(-10), notBefore: DateTime.UtcNow.AddMinutes(-40)),
            "not yet valid" => _host.ChannelToken(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddMinutes(40)),
            "wrong audience" => _host.ChannelToken(audience: "22222222-0000-0000-0000-000000000000"),
            "wrong issuer" => _host.ChannelToken(issuer: "https://api.example.test"),
            "not endorsed for msteams" => EndorsedOnlyFor("webchat"),
            "tampered signature" => Tamper(_host.ChannelToken()),
            "serviceUrl claim mismatch" => _host.ChannelToken(serviceUrl: "https://smba.trafficmanager.net/amer/"),
            "unsigned (alg none)" => Unsigned(),
            "HS256 with a shared secret" => SymmetricallySigned(),
            "key unknown even after refresh" => _host.ChannelToken(key: _host.OtherKey),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var response = await _host.PostAsync(Help, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync()); // no details leaked
        Assert.Empty(_host.ConnectorCalls());
    }

    [Fact]
    public async Task ATokenJustPastExpiryIsWithinTheFiveMinuteClockSkew()
    {
        var response = await _host.PostAsync(Help, _host.ChannelToken(expires: DateTime.UtcNow.AddMinutes(-2), notBefore: DateTime.UtcNow.AddMinutes(-30)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NoHeaderIs401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.PostAsync(Help, token: null)).StatusCode);
        Assert.Empty(_host.ConnectorCalls());
    }

    [Fact]
    public async Task ARotatedKeyIsFoundByRefreshingTheMetadata()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(Help, _host.ChannelToken())).StatusCode); // metadata now cached

        using var rotated = System.Security.Cryptography.RSA.Create(2048);
        _host.PublishKeys([(rotated, ["msteams"])]);
        var response = await _host.PostAsync(TeamsActivities.Personal(_host.ServiceUrl, "help", id: "1002"), _host.ChannelToken(key: rotated));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EmulatorTokensForThisAppAreAcceptedAndForOthersRefused()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(Help, _host.EmulatorToken())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.PostAsync(Help, _host.EmulatorToken(appId: "someone-else"))).StatusCode);
    }

    [Fact]
    public async Task AuthIsCheckedBeforeTheBodyIsParsed()
    {
        var response = await _host.PostAsync("{ this is not json", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var authenticated = await _host.PostAsync("{ this is not json", _host.ChannelToken());
        Assert.Equal(HttpStatusCode.BadRequest, authenticated.StatusCode);
    }

    private string EndorsedOnlyFor(string channel)
    {
        _host.PublishKeys([(_host.ChannelKey, [channel])]);
        return _host.ChannelToken();
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
        var payload = Base64UrlEncoder.Encode($"{{\"iss\":\"{BotFrameworkHost.Issuer}\",\"aud\":\"{BotFrameworkHost.AppId}\",\"nbf\":{now - 60},\"exp\":{now + 600},\"serviceurl\":\"{_host.ServiceUrl}\"}}");
        return header + "." + payload + ".";
    }

    private string SymmetricallySigned() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = BotFrameworkHost.Issuer,
        Audience = BotFrameworkHost.AppId,
        Claims = new Dictionary<string, object> { ["serviceurl"] = _host.ServiceUrl },
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
    });
}
