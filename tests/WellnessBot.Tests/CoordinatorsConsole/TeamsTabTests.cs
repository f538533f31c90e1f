using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// The console as a personal tab in the Teams app: in the package ./package-teams.sh builds (which validates the
/// manifest against Microsoft's schema), on the bot's own host; and the Teams SDK the tab's sign-in loads is exactly
/// the version package.json pins, served by the bot from its own copy.
/// </summary>
public sealed class TeamsTabTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-teams-tab-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task TheTeamsAppHasAPersonalConsoleTabOnTheBotsHost()
    {
        var zip = Path.Combine(_folder, "teams.zip");
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, "scripts", "teams-package.mjs"), zip])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["BOT_ID"] = "11111111-aaaa-4bbb-8ccc-000000000001";
        start.Environment["BOT_DOMAIN"] = "wellnessbot.example.org";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("valid", output, StringComparison.Ordinal);

        using var archive = ZipFile.OpenRead(zip);
        var manifest = JsonNode.Parse(new StreamReader(archive.GetEntry("manifest.json")!.Open()).ReadToEnd())!;
        var tab = Assert.Single(manifest["staticTabs"]!.AsArray())!;
        Assert.Equal("https://wellnessbot.example.org/console", tab["contentUrl"]!.GetValue<string>());
        Assert.Equal("https://wellnessbot.example.org/console", tab["websiteUrl"]!.GetValue<string>());
        Assert.Equal(["personal"], tab["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        // The tab and its sign-in pop-up start page are on the bot's host, which validDomains must list.
        Assert.Contains("wellnessbot.example.org", manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public void TheTeamsSdkTheBotServesIsThePinnedVersionsOwnFile()
    {
        var root = RepoPaths.Root;
        var pinned = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "package.json")))!["devDependencies"]!["@microsoft/teams-js"]!.GetValue<string>();
        Assert.Matches(@"^\d+\.\d+\.\d+$", pinned); // an exact version, never a range
        var installed = Path.Combine(root, "node_modules", "@microsoft", "teams-js");
        Assert.Equal(pinned, JsonNode.Parse(File.ReadAllText(Path.Combine(installed, "package.json")))!["version"]!.GetValue<string>());
        var kept = File.ReadAllBytes(Path.Combine(root, "src", "Bot", "CoordinatorsConsole", "Scripts", "MicrosoftTeams.min.js"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(installed, "dist", "umd", "MicrosoftTeams.min.js")), kept);
    }
}
