using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Bot.Hosting;
using WellnessBot.Dialogs.Resources;
using WellnessBot.Testing;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Resources;

/// <summary>The running bot picks up catalog edits without a restart, and a broken catalog at start-up stops it, saying why.</summary>
public sealed class CatalogHostTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-catalog-host-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private string[] Args(string catalog) =>
        ["--urls", "http://127.0.0.1:0", TestSupportKey.Argument, $"--Storage:ConnectionString=Data Source={Path.Combine(_folder, "bot.db")}",
         $"--Resources:CatalogPath={catalog}", "--Resources:ReloadCheckSeconds=1"];

    [Fact]
    public async Task ARunningBotUsesAnEditWithinSecondsWithoutARestart()
    {
        var path = Path.Combine(_folder, "resources.json");
        var catalog = JsonNode.Parse(await File.ReadAllTextAsync(TestChat.RepoCatalog))!.AsObject();
        await File.WriteAllTextAsync(path, catalog.ToJsonString());
        await using var app = WellnessBotHost.Build(Args(path));
        await app.StartAsync();
        var source = app.Services.GetRequiredService<CatalogSource>();
        Assert.Empty(source.Finder.Find("knitting"));

        catalog["resources"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "knitting", "name": "Knitting Circle", "description": "Thursday knitting.", "categories": ["recreation"],
              "keywords": ["knitting"], "links": [{ "title": "Sign up", "url": "https://example.org/knit" }], "eligibility": ["residents"] }
            """));
        await File.WriteAllTextAsync(path, catalog.ToJsonString());

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (source.Finder.Find("knitting").Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal("knitting", source.Finder.Find("knitting").First().Resource.Id);
        await app.StopAsync();
    }

    [Fact]
    public async Task ABrokenCatalogAtStartUpStopsTheBotNamingTheProblem()
    {
        var path = Path.Combine(_folder, "broken.json");
        var catalog = JsonNode.Parse(await File.ReadAllTextAsync(TestChat.RepoCatalog))!.AsObject();
        catalog["resources"]![3]!["eligibility"] = new JsonArray("everybody");
        await File.WriteAllTextAsync(path, catalog.ToJsonString());
        await using var app = WellnessBotHost.Build(Args(path));

        var error = await Assert.ThrowsAsync<CatalogException>(() => app.StartAsync());
        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("resources[3] (\"wellconnect\"): field 'eligibility': \"everybody\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCatalogShipsBesideTheApp()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "catalog", "resources.json")));
    }
}
