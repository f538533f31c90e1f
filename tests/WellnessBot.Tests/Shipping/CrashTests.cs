using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Storage;
using WellnessBot.Tests.Teams;

namespace WellnessBot.Tests.Shipping;

/// <summary>The crash test on the embedded store.</summary>
public sealed class SqliteCrashTests : CrashTests
{
    protected override StorageOptions Storage => new() { Provider = StorageOptions.SqliteProvider, ConnectionString = $"Data Source={Path.Combine(Folder, "crash.db")}" };
}

/// <summary>The crash test on Azure Table Storage (Azurite, a server of its own).</summary>
public sealed class AzuriteCrashTests : CrashTests
{
    private AzuriteProcess? _azurite;

    protected override StorageOptions Storage => new() { Provider = StorageOptions.AzureTablesProvider, ConnectionString = _azurite!.ConnectionString };

    public override async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

/// <summary>
/// The real bot process, killed (SIGKILL) and started again several times while channel kudos keep coming: every
/// kudos it acknowledged is saved afterwards, and none twice. A stub Bot Connector on loopback takes the replies.
/// </summary>
public abstract class CrashTests : IAsyncLifetime
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("wellnessbot-crash-").FullName;

    protected abstract StorageOptions Storage { get; }
    private const string BensChat = "a:personal-ben", SigningSecret = "crash-test-signing-secret";
    /// <summary>Each note Ben got, by kudos number, with when it arrived.</summary>
    private readonly List<(int Kudos, DateTime At)> _notes = [];
    private readonly List<(DateTime From, DateTime To)> _kills = [];
    private int _port = LoopbackPort.Free();
    private WebApplication _connector = null!;
    private Process? _bot;

    private static string BotDll =>
        Path.Combine(RepoPaths.Root, "src", "Bot", "bin",
            typeof(CrashTests).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0", "WellnessBot.Bot.dll");

    public virtual async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _connector = builder.Build();
        _connector.MapPost("/v3/conversations", () => Results.Json(new { id = "a:new-1to1" }, statusCode: 201));
        _connector.MapPost("/v3/conversations/{conversation}/activities/{id}", () => Results.Json(new { id = "reply" }, statusCode: 201));
        _connector.MapPost("/v3/conversations/{conversation}/activities", async (string conversation, HttpRequest request) =>
        {
            if (conversation == BensChat) Note(await JsonDocument.ParseAsync(request.Body), "text");
            return Results.Json(new { id = "sent" }, statusCode: 201);
        });
        // Slack's Web API, the same way: Ben's DM is D0BEN; every other call just succeeds.
        _connector.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            if (method == "chat.postMessage" && body.RootElement.TryGetProperty("channel", out var channel) && channel.GetString() == "D0BEN") Note(body, "text");
            return method switch
            {
                "conversations.open" => Results.Json(new { ok = true, channel = new { id = "D0" + body.RootElement.GetProperty("users").GetString()![2..] } }),
                "users.info" => Results.Json(new { ok = true, user = new { id = "U0X", name = "ben", profile = new { display_name = "Ben Resident", real_name = "Ben Resident" } } }),
                _ => Results.Json(new { ok = true, ts = "1700000000.000100", message_ts = "1700000000.000200" }),
            };
        });
        _connector.MapPost("/response/{*rest}", () => Results.Text("ok"));
        await _connector.StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        Kill();
        await _connector.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>Starts the bot and waits until it answers; a port taken meanwhile by another test's server means another port.</summary>
    private async Task StartBotAsync()
    {
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await TryStartBotAsync(output)) return;
            Kill();
            _port = LoopbackPort.Free();
        }
        throw new TimeoutException("The bot did not start:\n" + string.Join("\n", output.TakeLast(40)));
    }

    private async Task<bool> TryStartBotAsync(System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo("dotnet", [BotDll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}";
        start.Environment["Storage__Provider"] = Storage.Provider;
        start.Environment["Storage__ConnectionString"] = Storage.ConnectionString;
        start.Environment["Support__Keys__" + TestSupportKey.Id] = TestSupportKey.Value;
        // Short holds, so what a killed instance held is taken again within seconds.
        start.Environment["Queue__ReservedSeconds"] = "2";
        start.Environment["Queue__RunningSeconds"] = "3";
        start.Environment["Queue__LookEverySeconds"] = "1";
        start.Environment["Outbox__HoldSeconds"] = "10";
        start.Environment["Outbox__LookEverySeconds"] = "1";
        start.Environment["Slack__SigningSecret"] = SigningSecret;
        start.Environment["Slack__BotToken"] = "crash-test-token"; // the stub Web API takes any token
        start.Environment["Slack__ApiBaseUrl"] = _connector.Urls.Single() + "/api/";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _bot = Process.Start(start)!;
        _bot.OutputDataReceived += (_, e) => { if (e.Data is { } line && output.Count < 400) output.Enqueue(line); };
        _bot.ErrorDataReceived += (_, e) => { if (e.Data is { } line && output.Count < 400) output.Enqueue(line); };
        _bot.BeginOutputReadLine();
        _bot.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 480 && !_bot.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{_port}/healthz")).StatusCode == HttpStatusCode.OK) return !_bot.HasExited;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        return false;
    }

    private void Note(JsonDocument body, string textProperty)
    {
        var text = body.RootElement.TryGetProperty(textProperty, out var t) ? t.GetString() ?? "" : "";
        var match = System.Text.RegularExpressions.Regex.Match(text, "recognised you.*#([0-9]+) ok");
        if (match.Success) lock (_notes) _notes.Add((int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), DateTime.UtcNow));
    }

    private void Kill()
    {
        if (_bot is null) return;
        try { _bot.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _bot.WaitForExit();
        _bot.Dispose();
        _bot = null;
    }

    /// <summary>Kudos number <paramref name="n"/> to Ben, in a Teams channel or (every third) as a Slack /kudos.</summary>
    private HttpRequestMessage Kudos(int n)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_port}/api/messages");
        if (n % 3 == 2)
        {
            var form = string.Join("&", new[] { ("team_id", "T0TEAM"), ("channel_id", "C0WELLNESS"), ("channel_name", "wellness"), ("user_id", "U0ANA"),
                ("user_name", "ana"), ("command", "/kudos"), ("text", $"<@U0BEN|ben> thanks for the night shift #{n} ok"),
                ("response_url", _connector.Urls.Single() + "/response/T0/" + n), ("trigger_id", $"1334.{n}.crash") }
                .Select(f => Uri.EscapeDataString(f.Item1) + "=" + Uri.EscapeDataString(f.Item2)));
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.RequestUri = new Uri($"http://127.0.0.1:{_port}/slack/commands");
            request.Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
            request.Headers.Add(WellnessBot.Bot.Slack.SlackSignature.TimestampHeader, timestamp);
            request.Headers.Add(WellnessBot.Bot.Slack.SlackSignature.SignatureHeader,
                WellnessBot.Bot.Slack.SlackSignature.Compute(SigningSecret, timestamp, System.Text.Encoding.UTF8.GetBytes(form)));
            return request;
        }
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.ChannelMention(_connector.Urls.Single() + "/", $"kudos <at>Ben Resident</at> thanks for the night shift #{n} ok",
            ("29:resident-ben", "Ben Resident")))!;
        activity["id"] = "crash-" + n;
        request.Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>Ben says hello to the bot in Teams first, so it has his 1:1 chat to send his notes to.</summary>
    private async Task BenSaysHelloAsync(HttpClient http)
    {
        var hello = JsonSerializer.SerializeToNode(TeamsActivities.Personal(_connector.Urls.Single() + "/", "hi", id: "ben-hello"))!;
        hello["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "29:resident-ben", ["name"] = "Ben Resident" };
        hello["conversation"]!["id"] = BensChat;
        var response = await http.PostAsync($"http://127.0.0.1:{_port}/api/messages", new StringContent(hello.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EveryAcknowledgedKudosIsSavedOnceThoughTheProcessIsKilled()
    {
        const int total = 400;
        int[] killAt = [60, 160, 260];
        var acknowledged = new List<int>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await StartBotAsync();
        await BenSaysHelloAsync(http);
        var next = -1;
        var restarting = new SemaphoreSlim(1, 1);
        // Sixteen senders at once, so each kill cuts off turns that were queued and running, not just the last one.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var n = Interlocked.Increment(ref next); n < total; n = Interlocked.Increment(ref next))
            {
                await restarting.WaitAsync(); // while the bot is down, wait for it, as the channel's retries would
                restarting.Release();
                try
                {
                    using var response = await http.SendAsync(Kudos(n));
                    var busy = (await response.Content.ReadAsStringAsync()).Contains("busy", StringComparison.OrdinalIgnoreCase);
                    if (response.StatusCode == HttpStatusCode.OK && !busy) lock (acknowledged) acknowledged.Add(n);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { } // not acknowledged: the channel sends it again
                if (!killAt.Contains(n)) continue;
                await restarting.WaitAsync();
                try
                {
                    var killing = DateTime.UtcNow;
                    Kill(); // SIGKILL: whatever was queued or running in that process is cut off mid-way
                    lock (_kills) _kills.Add((killing, DateTime.UtcNow));
                    await StartBotAsync();
                }
                finally
                {
                    restarting.Release();
                }
            }
        })));

        // The last instance takes what the killed ones left, once their holds end.
        var month = Month.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        List<KudosRecord> saved = [];
        for (var i = 0; i < 120; i++)
        {
            await using (var store = TableStoreFactory.Create(Storage))
                saved = await new KudosStore(store).MonthAsync(month, default);
            bool Noted(int n) { lock (_notes) return _notes.Any(x => x.Kudos == n); }
            if (acknowledged.All(n => saved.Any(k => k.Message.Contains($"#{n} ", StringComparison.Ordinal)) && Noted(n))) break;
            await Task.Delay(500);
        }
        Kill();

        Assert.True(acknowledged.Count > total / 2, $"Only {acknowledged.Count} of {total} were acknowledged.");
        var missing = acknowledged.Where(n => !saved.Any(k => k.Message.Contains($"#{n} ", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged kudos were lost: #{string.Join(", #", missing.Take(10))}");
        var twice = saved.GroupBy(k => k.Message).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "Saved twice: " + string.Join(" | ", twice.Take(5)));

        // Every recipient told once. A note goes twice only when a kill fell between the channel taking it and the
        // bot recording that it had (neither Teams nor Slack can be asked afterwards): its first copy came just before
        // the kill, or while the process was being killed.
        var notes = _notes.GroupBy(x => x.Kudos).ToDictionary(g => g.Key, g => g.OrderBy(x => x.At).ToList());
        var unnoted = acknowledged.Where(n => !notes.ContainsKey(n)).ToList();
        Assert.True(unnoted.Count == 0, $"{unnoted.Count} acknowledged kudos never reached Ben: #{string.Join(", #", unnoted.Take(10))}");
        var repeated = notes.Where(g => g.Value.Count > 1).ToList();
        var unexplained = repeated.Where(g => g.Value.Count > 2 || !_kills.Any(k => g.Value[0].At > k.From - TimeSpan.FromSeconds(2) && g.Value[0].At <= k.To)).ToList();
        Assert.True(unexplained.Count == 0, "Notes sent twice with no kill in between: " + string.Join(", ", unexplained.Take(10)
            .Select(g => $"#{g.Key} at {string.Join(" and ", g.Value.Select(x => x.At.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}"))
            + "; kills at " + string.Join(", ", _kills.Select(k => k.From.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture))));
        Console.WriteLine($"Crash test ({Storage.Provider}): {acknowledged.Count} acknowledged, {saved.Count} saved, {notes.Count} noted, {repeated.Count} noted twice across a kill.");
    }
}
