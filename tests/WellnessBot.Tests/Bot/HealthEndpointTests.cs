using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WellnessBot.Bot.Hosting;
using WellnessBot.Storage;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Tests.Harness;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Bot;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("wellnessbot-host-").FullName;

    private WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("urls", "http://127.0.0.1:0"); // TestServer binds nothing; this keeps its log honest
            builder.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(_dataDirectory, "bot.db")}");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        });

    [Fact]
    public async Task ReadyzIs200WhenTheEmbeddedStoreAnswersAndNamesItsChecks()
    {
        await using var host = Host();
        var response = await host.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(["store", "credentials"], body.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "bot.db")));
        var live = await host.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"process\"", await live.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadyzIs503AndNamesTheStoreWhenAzureTablesCannotBeReachedWhileTheProcessStaysLive()
    {
        await using var host = Host(
            ("Storage:Provider", "AzureTables"),
            ("Storage:ConnectionString", $"AccountName=devstoreaccount1;AccountKey={AzuriteProcess.AccountKey};TableEndpoint=http://127.0.0.1:{LoopbackPort.Free()}/devstoreaccount1"),
            ("Storage:MaxRetries", "0"),
            ("Storage:RequestTimeoutSeconds", "2"));

        var response = await host.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/healthz")).StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        var check = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "store");
        Assert.Equal(("store", "Unhealthy"), (check.GetProperty("name").GetString(), check.GetProperty("status").GetString()));
        Assert.Contains("could not be reached", check.GetProperty("description").GetString());
        Assert.DoesNotContain(AzuriteProcess.AccountKey[..12], text);
    }

    /// <summary>The real app on real Kestrel, on a free loopback port (never the default 3978).</summary>
    private WebApplication RealHost(params string[] settings) =>
        WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", WellnessBot.Testing.TestSupportKey.Argument,
            $"--Storage:ConnectionString=Data Source={Path.Combine(_dataDirectory, "kestrel.db")}", .. settings]);

    [Theory]
    [InlineData("--Storage:Provider=Cosmos", "Storage:Provider")]
    [InlineData("--Storage:RequestTimeoutSeconds=0", "Storage:RequestTimeoutSeconds")]
    [InlineData("--Storage:MaxRetries=99", "Storage:MaxRetries")]
    [InlineData("--Program:TimeZone=America/New_Yrok", "Program:TimeZone 'America/New_Yrok'")]
    [InlineData("--Program:TimeZone=", "Program:TimeZone")]
    [InlineData("--Program:DialogExpiryMinutes=0", "Program:DialogExpiryMinutes")]
    [InlineData("--Program:Name= ", "Program:Name")]
    [InlineData("--Digest:CheckEverySeconds=1", "Digest:CheckEverySeconds")]
    [InlineData("--Digest:Schedule=every other tuesday", "Digest:Schedule")]
    [InlineData("--Resources:ReloadCheckSeconds=0", "Resources:ReloadCheckSeconds")]
    [InlineData("--Support:SweepEverySeconds=0", "Support:SweepEverySeconds")]
    [InlineData("--Support:OfferWindowMinutes=0", "Support:OfferWindowMinutes")]
    [InlineData("--Safety:CrisisPhrases:0= ", "Safety:CrisisPhrases")]
    [InlineData("--Slack:BotToken=xoxb-only-half", "Slack:SigningSecret")]
    [InlineData("--MicrosoftAppType=Sometimes", "MicrosoftAppType")]
    public async Task StartupStopsWithTheNameOfABadSetting(string setting, string named)
    {
        await using var app = RealHost(setting);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void SectionsLeftOutAreNamedAsOnTheirDefaults()
    {
        var app = RealHost("--Program:Name=Test Wellness", "--Digest:Time=07:30");
        var onDefaults = app.Services.GetRequiredService<SettingsSections>().OnDefaults();
        Assert.DoesNotContain("Program", onDefaults);
        Assert.DoesNotContain("Digest", onDefaults);
        Assert.DoesNotContain("Storage", onDefaults); // set by RealHost
        Assert.Contains("Resources", onDefaults);
        Assert.Contains("Safety", onDefaults);
    }

    [Fact]
    public async Task AzureTablesWithoutAConnectionStringStopsStartupNamingTheSetting()
    {
        await using var app = RealHost("--Storage:Provider=AzureTables", "--Storage:ConnectionString=");
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Storage:ConnectionString is required", error.Message);
    }

    [Fact]
    public void TheBotListensOnLocalhost3978UnlessToldOtherwise()
    {
        var app = WellnessBotHost.Build([]); // built, never started: nothing binds the port
        Assert.Equal("http://localhost:3978", app.Services.GetRequiredService<IConfiguration>()["urls"]);
        var configured = WellnessBotHost.Build(["--urls", "http://127.0.0.1:0"]);
        Assert.Equal("http://127.0.0.1:0", configured.Services.GetRequiredService<IConfiguration>()["urls"]);
    }

    [Fact]
    public async Task EnvironmentVariablesChooseTheStore()
    {
        var path = Path.Combine(_dataDirectory, "from-env.db");
        Environment.SetEnvironmentVariable("Storage__ConnectionString", $"Data Source={path}");
        try
        {
            await using var app = WellnessBotHost.Build([]);
            var store = app.Services.GetRequiredService<ITableStore>();
            Assert.Equal("Sqlite", store.ProviderName);
            Assert.Equal(path, store.Location);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Storage__ConnectionString", null);
        }
    }

    [Fact]
    public async Task HealthzAnswersOverRealKestrelOnLoopback()
    {
        await using var app = RealHost();
        await app.StartAsync();
        var address = Assert.Single(app.Urls);
        Assert.StartsWith("http://127.0.0.1:", address);

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        await app.StopAsync();
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { }
    }
}
