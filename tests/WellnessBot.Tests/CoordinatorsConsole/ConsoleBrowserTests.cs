using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// The console in Debian's headless Chromium, against the real bot process: signed in locally as the coordinator,
/// every page passes axe-core's WCAG 2.1 A and AA rules, the first Tab reaches the skip link with a visible focus
/// ring, and the screenshots in docs/console are made here, so they stay true.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task EveryPageIsAccessibleAndKeyboardFirst()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Debian chromium is not installed at {chromium}. Run ./test.sh, which installs it (apt-get install chromium).");
        // Something to show: a shout-out on the digest page, with its hide form.
        await _site.SayAsAnaAsync("kudos me for running the night float sign-out so smoothly");
        // and people to pick on the supporters page: the program's team, read on the first channel turn.
        _site.TeamMembers(("29:resident-ana", "Ana Resident"), ("29:resident-ben", "Ben Resident"), ("29:peer-dana", "Dana Peer Supporter"));
        await _site.SayInTheChannelAsync("kudos <at>Ben Resident</at> for the calmest handover of the week", ("29:resident-ben", "Ben Resident"));
        var shots = Directory.CreateDirectory(Path.Combine(WellnessBot.Testing.RepoPaths.Root, "docs", "console")).FullName;
        var start = new ProcessStartInfo("node", [Path.Combine(WellnessBot.Testing.RepoPaths.Root, "tests", "e2e", "console-axe.mjs"), _site.Url, shots])
        {
            WorkingDirectory = WellnessBot.Testing.RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var driver = Process.Start(start)!;
        var output = driver.StandardOutput.ReadToEndAsync();
        var errors = driver.StandardError.ReadToEndAsync();
        await driver.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        Assert.True(driver.ExitCode == 0, $"Browser run failed: {await output} {await errors}");

        var pages = JsonNode.Parse((await output).Trim().Split('\n')[^1])!.AsArray();
        Assert.Equal(["signin", "overview", "digest", "print", "resources", "resource-edit", "office", "import", "supporters", "support", "kudos"], pages.Select(p => p!["name"]!.GetValue<string>()));
        foreach (var page in pages)
        {
            Assert.True(page!["violations"]!.AsArray().Count == 0, $"{page["name"]}: {page["violations"]!.ToJsonString()}");
            Assert.DoesNotContain("Error", page["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase); // the page itself, not an error page
            Assert.Equal("Skip to the page", page["firstTab"]!["text"]!.GetValue<string>());
            Assert.NotEqual("none", page["firstTab"]!["outline"]!.GetValue<string>());
            Assert.True(new FileInfo(Path.Combine(shots, page["name"]!.GetValue<string>() + ".png")).Length > 5_000, "a screenshot is missing or blank");
        }
        Assert.EndsWith("/console", pages[1]!["url"]!.GetValue<string>(), StringComparison.Ordinal); // signed in as the coordinator
    }
}
