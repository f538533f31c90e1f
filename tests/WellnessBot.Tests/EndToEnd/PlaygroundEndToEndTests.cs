using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Bot.Hosting;

namespace WellnessBot.Tests.EndToEnd;

/// <summary>
/// The real bot on real Kestrel (loopback, auth off as for any local client) talking to Microsoft's own local
/// Teams-like client. Category E2E: CI runs it with everything else (./test.sh installs chromium and the playground).
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndCollection.Name)]
public sealed class PlaygroundEndToEndTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-e2e-").FullName;
    private WebApplication _bot = null!;
    private PlaygroundProcess _playground = null!;

    public async Task InitializeAsync()
    {
        _bot = WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development", "--Bot:AllowUnauthenticatedLocalClients=true", WellnessBot.Testing.TestSupportKey.Argument, $"--Storage:ConnectionString=Data Source={Path.Combine(_folder, "e2e.db")}"]);
        await _bot.StartAsync();
        _playground = await PlaygroundProcess.StartAsync(_bot.Urls.Single() + "/api/messages");
    }

    public async Task DisposeAsync()
    {
        await _playground.DisposeAsync();
        await _bot.StopAsync();
        await _bot.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task TypingHelpInTheBrowserShowsTheHelpCard()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Debian chromium is not installed at {chromium}. Run ./test.sh, which installs it (apt-get install chromium).");
        var screenshot = Path.Combine(_folder, "help.png");
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, "tests", "e2e", "playground-help.mjs"), _playground.Url, screenshot])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var driver = Process.Start(start)!;
        var output = driver.StandardOutput.ReadToEndAsync();
        var errors = driver.StandardError.ReadToEndAsync();
        await driver.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);

        Assert.True(driver.ExitCode == 0, $"Browser run failed: {await output} {await errors}");
        Assert.Contains("E2E OK", await output);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is missing or blank");
    }

    /// <summary>
    /// The first ten minutes as Ana, a resident (tests/e2e/playground-newcomer.mjs): her help card lists only what she
    /// may use, and once she is on the H3 roster the supporters' commands too; the kudos and support forms say each
    /// toggle once; every card for "resources childcare" offers a next step. Its screenshots are the ones in docs/playground.
    /// </summary>
    [Fact]
    public async Task ANewcomersFirstTenMinutesInTheBrowser()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Debian chromium is not installed at {chromium}. Run ./test.sh, which installs it (apt-get install chromium).");
        var shots = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "docs", "playground")).FullName;
        var (help, kudos) = (Path.Combine(shots, "help.png"), Path.Combine(shots, "kudos-form.png"));
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, "tests", "e2e", "playground-newcomer.mjs"), _playground.Url, help, kudos])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var driver = Process.Start(start)!;
        var errors = driver.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        while (await ReadLineOrNullAsync(driver.StandardOutput, timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (line != "WAITING supporter") continue;
            var ana = new WellnessBot.Dialogs.Turns.UserRef("msteams", "29:resident-ana", "Ana Resident (PGY-2)");
            await _bot.Services.GetRequiredService<WellnessBot.Dialogs.Support.PeerRoster>().AddAsync(ana, "", default);
            await driver.StandardInput.WriteLineAsync("go");
            driver.StandardInput.Close();
        }
        try
        {
            await driver.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            driver.Kill(entireProcessTree: true);
            Assert.Fail($"The browser run did not finish: {output}");
        }

        Assert.True(driver.ExitCode == 0, $"Browser run failed: {output} {await errors}");
        Assert.Contains("E2E OK", output.ToString());
        foreach (var shot in new[] { help, kudos }) Assert.True(new FileInfo(shot).Length > 5_000, $"the screenshot {shot} is missing or blank");
    }

    private static async Task<string?> ReadLineOrNullAsync(StreamReader reader, CancellationToken ct)
    {
        try { return await reader.ReadLineAsync(ct); }
        catch (OperationCanceledException) { return null; }
    }

    [Theory]
    [InlineData("help", "Here's what I can do")]
    [InlineData("resources childcare", "WellConnect")]
    [InlineData("support", "Talk to a peer supporter")]
    public async Task ThePlaygroundsOwnApiCarriesTheCardBack(string text, string expected)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(_playground.Url.Replace("http", "ws", StringComparison.Ordinal) + "/_ws_conversation/v1/conversations/stream"), default);
        using var http = new HttpClient { BaseAddress = new Uri(_playground.Url) };
        var body = JsonSerializer.Serialize(new { text, textFormat = "plain", from = new { id = "29:resident-ana" } });
        var sent = await http.PostAsync("/_conversation/v1/conversations/a:wellnessbot-personal-ana/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        sent.EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var buffer = new byte[1 << 20];
        while (DateTime.UtcNow < deadline)
        {
            using var timeout = new CancellationTokenSource(deadline - DateTime.UtcNow);
            var frame = new StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                frame.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            while (!result.EndOfMessage);
            if (frame.ToString().Contains(expected, StringComparison.Ordinal))
                return;
        }
        Assert.Fail($"\"{expected}\" never came back over the playground's WebSocket after \"{text}\".");
    }
}

/// <summary>
/// The browser and the playground are slow to start on a busy 2-core machine: these tests run on their own, after
/// the parallel ones, so their waits measure the bot and not the rest of the suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "End to end (alone)";
}
