using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using WellnessBot.Tests.EndToEnd;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// A coordinator's errands in headless Chromium against the real bot and Microsoft's Agents Playground: anonymous
/// visits go to sign-in, a resident gets 403, a phone number changed in the console is in the bot's next answer in
/// the Playground, and a shout-out hidden from the breakfast is not in the slides downloaded after it (opened here
/// with the Open XML SDK).
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndCollection.Name)]
public sealed class ConsoleFlowsBrowserTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;
    private PlaygroundProcess _playground = null!;
    private readonly string _out = Directory.CreateTempSubdirectory("wellnessbot-console-flows-").FullName;

    public async Task InitializeAsync()
    {
        _site = await ConsoleSite.StartAsync();
        _playground = await PlaygroundProcess.StartAsync(_site.Url + "/api/messages");
    }

    public async Task DisposeAsync()
    {
        await _playground.DisposeAsync();
        await _site.DisposeAsync();
        if (Environment.GetEnvironmentVariable("KEEP_E2E_OUTPUT") is null) try { Directory.Delete(_out, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task SignInEditAPhoneNumberSeeItInTheBotAndHideAShoutOutFromTheSlides()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Debian chromium is not installed at {chromium}. Run ./test.sh, which installs it (apt-get install chromium).");
        await SayInThePlaygroundAsync("kudos me for the marker-to-hide story about the night team");
        await SayInThePlaygroundAsync("kudos me for the marker-to-keep handover checklist");

        var start = new ProcessStartInfo("node", [Path.Combine(WellnessBot.Testing.RepoPaths.Root, "tests", "e2e", "console-flows.mjs"), _site.Url, _playground.Url, _out])
        {
            WorkingDirectory = WellnessBot.Testing.RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var driver = Process.Start(start)!;
        var output = driver.StandardOutput.ReadToEndAsync();
        var errors = driver.StandardError.ReadToEndAsync();
        await driver.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token);
        Assert.True(driver.ExitCode == 0, $"Browser run failed: {await output} {await errors}");
        var seen = JsonNode.Parse((await output).Trim().Split('\n')[^1])!;

        var anonymous = seen["anonymous"]!.AsArray();
        Assert.Equal(8, anonymous.Count);
        foreach (var visit in anonymous)
            Assert.True(visit!["landed"]!.GetValue<string>() == "/console/signin" && visit["heading"]!.GetValue<string>() == "Sign in", visit.ToJsonString());

        Assert.Equal(403, seen["resident"]!["status"]!.GetValue<int>());
        Assert.Equal("This console is for the program's coordinators", seen["resident"]!["heading"]!.GetValue<string>());

        Assert.Equal("saved", seen["phone"]!["said"]!.GetValue<string>());
        Assert.True(seen["phone"]!["inBot"]!.GetValue<bool>());

        Assert.StartsWith("Hidden from the breakfast by Eli Coordinator: asked not to be read aloud", seen["hide"]!["note"]!.GetValue<string>(), StringComparison.Ordinal);
        using var deck = PresentationDocument.Open(seen["hide"]!["file"]!.GetValue<string>(), false);
        var slides = deck.PresentationPart!.SlideParts.Select(s => string.Concat(s.Slide.Descendants<DocumentFormat.OpenXml.Drawing.Text>().Select(t => t.Text))).ToList();
        Assert.Equal(2, slides.Count); // the title, and the shout-out still for the breakfast
        Assert.Contains("marker-to-keep", slides[1], StringComparison.Ordinal);
        Assert.DoesNotContain(slides, s => s.Contains("marker-to-hide", StringComparison.Ordinal));
    }

    /// <summary>Ana's message in her personal chat, through the Playground's own API; waits until the bot has saved it.</summary>
    private async Task SayInThePlaygroundAsync(string text)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_playground.Url) };
        var body = JsonSerializer.Serialize(new { text, textFormat = "plain", from = new { id = "29:resident-ana" } });
        (await http.PostAsync("/_conversation/v1/conversations/a:wellnessbot-personal-ana/messages", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        using var eli = ConsoleSite.Browser();
        await _site.SignInAsync(eli, "29:coordinator-eli");
        var marker = text.Split(' ').First(w => w.StartsWith("marker-", StringComparison.Ordinal));
        for (var i = 0; i < 100; i++, await Task.Delay(200))
            if ((await _site.PageAsync(eli, "/console/digest")).Contains(marker, StringComparison.Ordinal)) return;
        Assert.Fail($"The kudos \"{text}\" never reached the digest page.");
    }
}
