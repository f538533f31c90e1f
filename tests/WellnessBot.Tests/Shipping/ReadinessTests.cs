using System.Net;
using System.Text.Json;
using WellnessBot.Bot.Hosting;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Shipping;

/// <summary>Readiness follows the store: 503 while it is down, 200 again when it is back, without a restart.</summary>
[Collection(WellnessBot.Tests.Harness.AzuriteCollection.Name)]
public sealed class ReadinessTests
{
    private const string Tenant = "7a1f2c3d-0000-4000-8000-00000000beef", MetricsToken = "operator-scrape-token-0123456789";

    [Fact]
    public async Task ReadyzGoes503WhenTheStoreIsDownAndBackTo200WhenItReturns()
    {
        var azurite = await AzuriteProcess.StartAsync();
        var port = azurite.Port;
        await using var app = WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", TestSupportKey.Argument, "--environment", "Production",
            "--MicrosoftAppId=11111111-aaaa-4bbb-8ccc-000000000001", "--MicrosoftAppPassword=not-a-real-secret", "--Teams:AllowedTenants:0=" + Tenant, "--Metrics:Token=" + MetricsToken,
            "--Storage:Provider=AzureTables", "--Storage:MaxRetries=0", "--Storage:RequestTimeoutSeconds=2",
            $"--Storage:ConnectionString={azurite.ConnectionString}"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsToken); // the details are the operator's
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

            await azurite.DisposeAsync();
            var down = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains("\"store\"", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode); // alive all along

            azurite = await AzuriteProcess.StartOnPortAsync(port);
            var up = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
            using var body = JsonDocument.Parse(await up.Content.ReadAsStringAsync());
            Assert.Contains("Teams (Bot Framework, MultiTenant)", body.RootElement.GetProperty("checks").EnumerateArray()
                .Single(c => c.GetProperty("name").GetString() == "credentials").GetProperty("description").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task ProductionWithoutChannelCredentialsIsLiveButNotReady()
    {
        var folder = Directory.CreateTempSubdirectory("wellnessbot-ready-").FullName;
        await using var app = WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", TestSupportKey.Argument, "--environment", "Production",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "r.db")}", "--Metrics:Token=" + MetricsToken]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsToken); // the details are the operator's
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("set MicrosoftAppId", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        await app.StopAsync();
    }
}
