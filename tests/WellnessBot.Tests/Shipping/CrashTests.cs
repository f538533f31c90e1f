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
        _connector.MapPost("/v3/conversations/{conversation}/activities", () => Results.Json(new { id = "sent" }, statusCode: 201));
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

    private void Kill()
    {
        if (_bot is null) return;
        try { _bot.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _bot.WaitForExit();
        _bot.Dispose();
        _bot = null;
    }

    private string Kudos(int n)
    {
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.ChannelMention(_connector.Urls.Single() + "/", $"kudos <at>Ben Resident</at> thanks for the night shift #{n} ok",
            ("29:resident-ben", "Ben Resident")))!;
        activity["id"] = "crash-" + n;
        return activity.ToJsonString();
    }

    [Fact]
    public async Task EveryAcknowledgedKudosIsSavedOnceThoughTheProcessIsKilled()
    {
        const int total = 400;
        int[] killAt = [60, 160, 260];
        var acknowledged = new List<int>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await StartBotAsync();
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
                    var response = await http.PostAsync($"http://127.0.0.1:{_port}/api/messages", new StringContent(Kudos(n), System.Text.Encoding.UTF8, "application/json"));
                    if (response.StatusCode == HttpStatusCode.OK) lock (acknowledged) acknowledged.Add(n);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { } // not acknowledged: the channel sends it again
                if (!killAt.Contains(n)) continue;
                await restarting.WaitAsync();
                try
                {
                    Kill(); // SIGKILL: whatever was queued or running in that process is cut off mid-way
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
            if (acknowledged.All(n => saved.Any(k => k.Message.Contains($"#{n} ", StringComparison.Ordinal)))) break;
            await Task.Delay(500);
        }
        Kill();

        Assert.True(acknowledged.Count > total / 2, $"Only {acknowledged.Count} of {total} were acknowledged.");
        var missing = acknowledged.Where(n => !saved.Any(k => k.Message.Contains($"#{n} ", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged kudos were lost: #{string.Join(", #", missing.Take(10))}");
        var twice = saved.GroupBy(k => k.Message).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "Saved twice: " + string.Join(" | ", twice.Take(5)));
    }
}
