using System.Net;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Storage;
using WellnessBot.Tests.Harness;

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
    private readonly List<(DateTime From, DateTime To)> _kills = [];
    private StubChannels _channels = null!;
    private BotProcess? _bot;

    public virtual async Task InitializeAsync() => _channels = await StubChannels.StartAsync();

    public virtual async Task DisposeAsync()
    {
        Kill();
        await _channels.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private async Task StartBotAsync() => _bot = await BotProcess.StartAsync(Folder, new Dictionary<string, string>
    {
        ["Storage__Provider"] = Storage.Provider,
        ["Storage__ConnectionString"] = Storage.ConnectionString!,
        ["Support__Keys__" + TestSupportKey.Id] = TestSupportKey.Value,
        // Short holds, so what a killed instance held is taken again within seconds.
        ["Queue__ReservedSeconds"] = "2",
        ["Queue__RunningSeconds"] = "3",
        ["Queue__LookEverySeconds"] = "1",
        ["Outbox__HoldSeconds"] = "10",
        ["Outbox__LookEverySeconds"] = "1",
        ["Slack__SigningSecret"] = SigningSecret,
        ["Slack__BotToken"] = "crash-test-token", // the stub Web API takes any token
        ["Slack__ApiBaseUrl"] = _channels.SlackApiUrl, ["Slack__ResponseUrlBase"] = _channels.ResponseUrl(""),
    });

    /// <summary>Each note Ben got (in Teams or his Slack DM), by kudos number, with when it arrived.</summary>
    private List<(int Kudos, DateTime At)> Notes() => _channels.NumberedKudosNotes(BensChat, "D0BEN");

    private void Kill()
    {
        _bot?.Kill();
        _bot = null;
    }

    /// <summary>Kudos number <paramref name="n"/> to Ben, in a Teams channel or (every third) as a Slack /kudos.</summary>
    private HttpRequestMessage Kudos(int n) => n % 3 == 2
        ? ChannelRequests.SlackCommand(_bot!.Url, SigningSecret, "/kudos", $"<@U0BEN|ben> thanks for the night shift #{n} ok", _channels.ResponseUrl("T0/" + n), $"1334.{n}.crash")
        : ChannelRequests.TeamsChannel(_bot!.Url, _channels.ServiceUrl, $"kudos <at>Ben Resident</at> thanks for the night shift #{n} ok", "crash-" + n,
            [("29:resident-ben", "Ben Resident")]);

    /// <summary>Ben says hello to the bot in Teams first, so it has his 1:1 chat to send his notes to.</summary>
    private async Task BenSaysHelloAsync(HttpClient http)
    {
        var response = await http.SendAsync(ChannelRequests.TeamsPersonal(_bot!.Url, _channels.ServiceUrl, "29:resident-ben", "Ben Resident", BensChat, "hi", "ben-hello"));
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
            var noted = Notes().Select(x => x.Kudos).ToHashSet();
            if (acknowledged.All(n => saved.Any(k => k.Message.Contains($"#{n} ", StringComparison.Ordinal)) && noted.Contains(n))) break;
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
        var notes = Notes().GroupBy(x => x.Kudos).ToDictionary(g => g.Key, g => g.OrderBy(x => x.At).ToList());
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
