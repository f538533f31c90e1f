using System.Net;
using Microsoft.AspNetCore.Builder;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Bot.Hosting;
using WellnessBot.Tests.Harness;
using WellnessBot.Tests.Teams;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Security;

/// <summary>
/// Attacks on a bot with no Bot Framework credentials, and on the operational endpoints, through real Kestrel on
/// loopback: proxies, tunnels, forwarded headers and DNS rebinding do not make a caller local; Production has no
/// /api/messages without credentials; /metrics and /readyz's details are for the operator.
/// </summary>
public sealed class LocalEdgeSecurityTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-sec-").FullName;
    private StubChannels _channels = null!;
    private const string MetricsToken = "operator-scrape-token-0123456789";

    public async Task InitializeAsync() => _channels = await StubChannels.StartAsync();

    public async Task DisposeAsync()
    {
        await _channels.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task<WebApplication> StartAsync(params string[] settings)
    {
        var app = WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", TestSupportKey.Argument,
            $"--Storage:ConnectionString=Data Source={Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db")}", .. settings]);
        await app.StartAsync();
        return app;
    }

    private static readonly string[] Development = ["--environment", "Development", "--Bot:AllowUnauthenticatedLocalClients=true"];

    private HttpRequestMessage Help(string url, string id) => new(HttpMethod.Post, url + "/api/messages")
    {
        Content = new StringContent(JsonSerializer.Serialize(TeamsActivities.Personal(_channels.ServiceUrl, "help", id)), Encoding.UTF8, "application/json"),
    };

    private async Task<List<StubChannels.Delivery>> SentAfterAsync(WebApplication app)
    {
        await app.Services.GetRequiredService<ITurnQueue>().IdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return _channels.To(_ => true);
    }

    public static TheoryData<string, string> ProxyTricks => new()
    {
        { "X-Forwarded-For", "127.0.0.1" },           // a same-host reverse proxy passing the client on
        { "Forwarded", "for=127.0.0.1;proto=https" },
        { "X-Real-IP", "127.0.0.1" },
        { "Via", "1.1 tunnel" },
    };

    [Theory]
    [MemberData(nameof(ProxyTricks))]
    public async Task ALoopbackPeerBehindAProxyIsNotLocal(string header, string value)
    {
        await using var app = await StartAsync(Development);
        using var client = new HttpClient();
        var request = Help(app.Urls.Single(), "p-" + header);
        request.Headers.TryAddWithoutValidation(header, value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        Assert.Empty(await SentAfterAsync(app));
    }

    [Fact]
    public async Task ForwardedHeadersEnabledAndXForwardedForLoopbackIsNotLocal()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true: the middleware rewrites the peer from X-Forwarded-For.
        await using var app = await StartAsync([.. Development, "--FORWARDEDHEADERS_ENABLED=true"]);
        using var client = new HttpClient();
        var request = Help(app.Urls.Single(), "fwd");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        Assert.Empty(await SentAfterAsync(app));
    }

    [Theory]
    [InlineData("wellnessbot.attacker.example")] // DNS rebinding: the attacker's name resolving to 127.0.0.1
    [InlineData("10.0.0.5")]
    public async Task AForeignHostHeaderIsRefused(string host)
    {
        await using var app = await StartAsync(Development);
        using var client = new HttpClient();
        var request = Help(app.Urls.Single(), "host-" + host);
        request.Headers.Host = host;
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
        Assert.Empty(await SentAfterAsync(app));
    }

    [Fact]
    public async Task WithoutTheExplicitSettingNoLocalClientIsServed()
    {
        await using var app = await StartAsync("--environment", "Development");
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Help(app.Urls.Single(), "nosetting"))).StatusCode);
        Assert.Empty(await SentAfterAsync(app));
    }

    [Fact]
    public async Task ADirectLocalClientIsServed()
    {
        await using var app = await StartAsync(Development);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Help(app.Urls.Single(), "direct"))).StatusCode);
        Assert.NotEmpty(await SentAfterAsync(app)); // the control: the help card reached the (stub) connector
    }

    [Fact]
    public async Task ProductionWithoutCredentialsHasNoApiMessages()
    {
        await using var app = await StartAsync("--environment", "Production");
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Help(app.Urls.Single(), "prod"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(app.Urls.Single() + "/api/messages")).StatusCode);
        Assert.Empty(await SentAfterAsync(app));
    }

    [Theory]
    [InlineData("Production", "--urls=http://127.0.0.1:0", "refused outside Development")]
    [InlineData("Development", "--urls=http://0.0.0.0:0", "needs a loopback binding")]
    public async Task UnauthenticatedLocalClientsOutsideDevelopmentOrOffLoopbackStopStartUp(string environment, string urls, string expected)
    {
        await using var app = WellnessBotHost.Build([urls, TestSupportKey.Argument, "--environment", environment, "--Bot:AllowUnauthenticatedLocalClients=true",
            $"--Storage:ConnectionString=Data Source={Path.Combine(_folder, "refused.db")}"]);
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Bot:AllowUnauthenticatedLocalClients", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-of-the-same-length-00")]
    public async Task MetricsWithoutTheTokenAre404AndReadyzSaysOnlyHealthy(string? token)
    {
        await using var app = await StartAsync("--environment", "Production", "--Metrics:Token=" + MetricsToken);
        using var client = new HttpClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(app.Urls.Single() + "/metrics")).StatusCode);
        var ready = await client.GetAsync(app.Urls.Single() + "/readyz");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.TryGetProperty("checks", out _)); // no store endpoint, no credentials named
        client.DefaultRequestHeaders.Authorization = new("Bearer", MetricsToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(app.Urls.Single() + "/metrics")).StatusCode); // the operator's scraper
    }

    [Fact]
    public async Task AMetricsPortServesMetricsAndTheMainPortDoesNot()
    {
        var port = LoopbackPort.Free();
        await using var app = await StartAsync("--environment", "Production", "--Metrics:Port=" + port);
        using var client = new HttpClient();
        var main = app.Urls.First(u => !u.EndsWith(":" + port, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(main + "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{port}/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"http://127.0.0.1:{port}/slack/commands", new StringContent("x"))).StatusCode);
    }
}
