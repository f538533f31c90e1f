using Microsoft.Extensions.Time.Testing;
using WellnessBot.Bot.Teams;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace WellnessBot.Tests.Teams;

/// <summary>Signing keys are refreshed in the background: no request waits on the metadata endpoint once keys are cached.</summary>
public sealed class OpenIdMetadataTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{LoopbackPort.Free()}"] });
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    private string Url => _server.Url + "/.well-known/openidconfiguration";

    private void Serve(string issuer, TimeSpan delay = default, int status = 200)
    {
        _server.Reset();
        var metadata = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
            .WithBody($$"""{"issuer":"{{issuer}}","jwks_uri":"{{_server.Url}}/keys"}""");
        _server.Given(Request.Create().WithPath("/.well-known/openidconfiguration").UsingGet())
            .RespondWith(delay > TimeSpan.Zero ? metadata.WithDelay(delay) : metadata);
        _server.Given(Request.Create().WithPath("/keys").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody("""{"keys":[]}"""));
    }

    private int MetadataFetches => _server.LogEntries.Count(e => e.RequestMessage!.Path == "/.well-known/openidconfiguration");

    [Fact]
    public async Task OldKeysAreServedAtOnceWhileFreshOnesAreFetchedBehind()
    {
        Serve("first");
        using var http = new HttpClient();
        var metadata = new OpenIdMetadata(Url, http, _clock);
        Assert.Equal("first", (await metadata.GetAsync(default)).Issuer);

        // Half a day on, the endpoint is slow: the request is answered with the keys in hand, without waiting.
        Serve("second", delay: TimeSpan.FromSeconds(3));
        _clock.Advance(OpenIdMetadata.RefreshAfter + TimeSpan.FromMinutes(1));
        var served = metadata.GetAsync(default);
        Assert.True(served.IsCompletedSuccessfully);
        Assert.Equal("first", (await served).Issuer);

        // The background fetch lands, and later requests get the fresh keys.
        for (var i = 0; i < 100 && (await metadata.GetAsync(default)).Issuer != "second"; i++) await Task.Delay(100);
        Assert.Equal("second", (await metadata.GetAsync(default)).Issuer);
    }

    [Fact]
    public async Task AnOutageOfTheEndpointKeepsTheLastKeysAndIsTriedAtMostOnceAMinute()
    {
        Serve("first");
        using var http = new HttpClient();
        var metadata = new OpenIdMetadata(Url, http, _clock);
        await metadata.GetAsync(default);

        Serve("down", status: 500);
        _clock.Advance(OpenIdMetadata.RefreshAfter + TimeSpan.FromMinutes(1));
        for (var i = 0; i < 50; i++) Assert.Equal("first", (await metadata.GetAsync(default)).Issuer);
        for (var i = 0; i < 50 && MetadataFetches == 0; i++) await Task.Delay(50);
        await Task.Delay(200); // let the one background attempt finish
        Assert.Equal(1, MetadataFetches);
    }
}
