using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Shipping;

/// <summary>
/// Three bot processes share one Azurite, as instances behind a load balancer would, and each request goes to the
/// next instance in turn. For a minute and more: kudos in Teams and Slack, support requests that are accepted,
/// cancelled or left to time out, and resource questions. Midway one instance is killed (SIGKILL) and another
/// started. The month's digest falls due for all three in the same minute.
/// </summary>
[Trait("Category", "ScaleOut")]
public sealed class ScaleOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string SigningSecret = "scale-out-signing-secret", BensChat = "a:personal-ben", DanasChat = "a:personal-dana", ElisChat = "a:personal-eli";
    private static readonly (string Id, string Name) Ben = ("29:resident-ben", "Ben Resident"), Dana = ("29:supporter-dana", "Dana Supporter"),
        Eli = ("29:coordinator-eli", "Eli Coordinator");
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(65), KillAfter = TimeSpan.FromSeconds(25);
    private const int Requesters = 9, SeededKudos = 3;

    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-scaleout-").FullName;
    private readonly BotProcess?[] _bots = new BotProcess?[3];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private AzuriteProcess _azurite = null!;
    private StubChannels _channels = null!;
    private Dictionary<string, string> _environment = null!;
    private int _next, _kudosNumber;

    private static TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private StorageOptions Storage => new() { Provider = StorageOptions.AzureTablesProvider, ConnectionString = _azurite.ConnectionString };

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _channels = await StubChannels.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots) bot?.Kill();
        _http.Dispose();
        await _channels.DisposeAsync();
        await _azurite.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task ThreeInstancesShareTheWorkAndLosingOneLosesNothing()
    {
        var digestDue = await PrepareAsync();
        var acknowledged = new List<int>();
        var answered = 0;
        var started = DateTime.UtcNow;
        var support = Task.Run(() => RunSupportRequestsAsync());
        var kudos = Enumerable.Range(0, 4).Select(_ => Task.Run(() => SendKudosAsync(started, acknowledged))).ToList();
        var questions = Task.Run(async () =>
        {
            for (var q = 0; DateTime.UtcNow - started < Load; q++, await Task.Delay(500))
                if (await SendAsync(bot => ChannelRequests.TeamsPersonal(bot, _channels.ServiceUrl, "29:resident-ana", "Ana Resident", "a:personal-ana",
                        "where can i find help with childcare", "question-" + q))) Interlocked.Increment(ref answered);
        });
        await Task.Delay(KillAfter);
        _bots[1]!.Kill(); // mid-load, with turns queued and running on it
        _bots[1] = null;
        _bots[1] = await StartBotAsync();
        await Task.WhenAll([.. kudos, questions]);
        var requests = await support;

        var month = Month.Of(DateTimeOffset.UtcNow, Zone);
        var outcome = await WaitForTheEndAsync(month, acknowledged, requests, digestDue);
        AssertEveryKudosOnceAndNoted(acknowledged, outcome.Kudos);
        AssertEverySupportRequestEnded(requests, outcome.Requests);
        var digestPosts = AssertTheDigestPostedOnce();
        var questionsAnswered = _channels.To("a:personal-ana").Count(d => d.ReplyTo?.StartsWith("question-", StringComparison.Ordinal) == true);
        Assert.True(questionsAnswered >= answered, $"{answered} resource questions were acknowledged but only {questionsAnswered} answered");

        output.WriteLine($"Scale-out: 3 instances, one killed at {KillAfter.TotalSeconds:F0} s and replaced; {Load.TotalSeconds:F0} s of load.");
        output.WriteLine($"  kudos: {acknowledged.Count} acknowledged, {outcome.Kudos.Count} saved, {Notes().Select(n => n.Kudos).Distinct().Count()} noted, {Notes().GroupBy(n => n.Kudos).Count(g => g.Count() > 1)} noted twice");
        output.WriteLine($"  support: {requests.Count} requests; " + string.Join(", ", outcome.Requests.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}")));
        output.WriteLine($"  resource questions: {answered} acknowledged, {questionsAnswered} answered; digest parts in the channel: {digestPosts}");
    }

    /// <summary>Last month's kudos seeded, three instances up, the people introduced, the program channel set.</summary>
    private async Task<DateTimeOffset> PrepareAsync()
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone);
        var due = now.AddSeconds(60 - now.Second).AddMilliseconds(-now.Millisecond).AddMinutes(now.Second > 20 ? 1 : 0); // 40–100 s away
        await using (var store = TableStoreFactory.Create(Storage))
        {
            await store.GetTableClient(StorageKeys.KudosTable).CreateIfNotExistsAsync();
            var kudos = new KudosStore(store);
            for (var k = 0; k < SeededKudos; k++)
                await kudos.AddAsync(new KudosRecord
                {
                    Id = KudosStore.IdFor("scale-out-seed-" + k), Month = Month.Of(now, Zone).Previous, Giver = new UserRef("msteams", "29:resident-ana", "Ana Resident"),
                    Recipients = [new UserRef("msteams", Ben.Id, Ben.Name)], Message = $"thanks for teaching rounds digest-seed-{k}", GivenAt = now.AddMonths(-1),
                }, default);
        }
        _environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = Storage.Provider, ["Storage__ConnectionString"] = Storage.ConnectionString!,
            ["Support__Keys__" + TestSupportKey.Id] = TestSupportKey.Value, ["Program__Coordinators__0"] = Eli.Id,
            ["Support__OfferWindowMinutes"] = "1", ["Support__SweepEverySeconds"] = "2",
            ["Digest__BreakfastDates__0"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Digest__DaysBefore"] = "0",
            ["Digest__Time"] = due.ToString("HH:mm", CultureInfo.InvariantCulture), ["Digest__CheckEverySeconds"] = "5",
            ["Queue__ReservedSeconds"] = "2", ["Queue__RunningSeconds"] = "3", ["Queue__LookEverySeconds"] = "1",
            ["Outbox__HoldSeconds"] = "10", ["Outbox__LookEverySeconds"] = "1",
            ["Slack__SigningSecret"] = SigningSecret, ["Slack__BotToken"] = "scale-out-token", ["Slack__ApiBaseUrl"] = _channels.SlackApiUrl, ["Slack__ResponseUrlBase"] = _channels.ResponseUrl(""),
        };
        var bots = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartBotAsync()));
        bots.CopyTo(_bots, 0);

        foreach (var (who, chat) in new[] { (Ben, BensChat), (Dana, DanasChat), (Eli, ElisChat) })
            Assert.True(await SendAsync(bot => ChannelRequests.TeamsPersonal(bot, _channels.ServiceUrl, who.Id, who.Name, chat, "hi", "hello-" + chat)));
        Assert.True(await SendAsync(bot => ChannelRequests.TeamsChannel(bot, _channels.ServiceUrl, "h3 roster add <at>Dana Supporter</at>", "roster-dana", [Dana], Eli)));
        Assert.True(await SendAsync(bot => ChannelRequests.TeamsChannel(bot, _channels.ServiceUrl, "digest channel here", "digest-here", [], Eli)));
        await Eventually(() => _channels.To(ElisChat).Count >= 2 && _channels.To(c => c.StartsWith("19:program-wellness", StringComparison.Ordinal)).Count >= 1,
            "the roster and channel set-up were answered");
        return due.ToUniversalTime();
    }

    private Task<BotProcess> StartBotAsync() => BotProcess.StartAsync(_folder, _environment);

    /// <summary>Sends to the next live instance; a refused or failed delivery is sent again to the next one, as a channel retries.</summary>
    private async Task<bool> SendAsync(Func<string, HttpRequestMessage> request, int attempts = 5)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var live = _bots.Where(b => b is { IsRunning: true }).ToArray();
            if (live.Length == 0) { await Task.Delay(200); continue; }
            var bot = live[(int)((uint)Interlocked.Increment(ref _next) % live.Length)]!;
            try
            {
                using var response = await _http.SendAsync(request(bot.Url));
                var busy = (await response.Content.ReadAsStringAsync()).Contains("busy", StringComparison.OrdinalIgnoreCase);
                if (response.StatusCode == HttpStatusCode.OK && !busy) return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        return false;
    }

    private async Task SendKudosAsync(DateTime started, List<int> acknowledged)
    {
        while (DateTime.UtcNow - started < Load)
        {
            var n = Interlocked.Increment(ref _kudosNumber);
            var sent = await SendAsync(bot => n % 3 == 2
                ? ChannelRequests.SlackCommand(bot, SigningSecret, "/kudos", $"<@U0BEN|ben> thanks for the night shift #{n} ok", _channels.ResponseUrl("T0/" + n), $"1334.{n}.scale")
                : ChannelRequests.TeamsChannel(bot, _channels.ServiceUrl, $"kudos <at>Ben Resident</at> thanks for the night shift #{n} ok", "scale-" + n, [Ben]), attempts: 1);
            if (sent) lock (acknowledged) acknowledged.Add(n);
            await Task.Delay(200);
        }
    }

    /// <summary>Each note Ben got (Teams or his Slack DM), by kudos number.</summary>
    private List<(int Kudos, DateTime At)> Notes() => _channels.NumberedKudosNotes(BensChat, "D0BEN");

    /// <summary>Requester i asks for support in their own chat; Dana accepts i % 3 == 0, the requester cancels i % 3 == 1, the rest time out.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, DateTimeOffset> _acceptSent = new();

    private async Task<List<string>> RunSupportRequestsAsync()
    {
        var requesters = new List<string>();
        for (var i = 0; i < Requesters; i++)
        {
            var (id, chat) = ($"29:requester-{i}", $"a:personal-requester-{i}");
            requesters.Add(id);
            Assert.True(await SendAsync(bot => ChannelRequests.TeamsPersonal(bot, _channels.ServiceUrl, id, $"Requester {i}", chat, "support", $"ask-{i}")));
            var form = await Eventually(() => _channels.To(chat).Select(d => d.ActionData("support.submit")).FirstOrDefault(d => d is not null), $"the form for requester {i}");
            var answer = new JsonObject
            {
                ["action"] = "support.submit", ["draft"] = form["draft"]!.GetValue<string>(), ["tier"] = "peer", ["note"] = $"scale-out request #{i}# rough week",
                ["contactBy"] = "phone", ["contactInfo"] = "555-0100", ["contactWhen"] = "evenings", ["urgent"] = "false",
            };
            Assert.True(await SendAsync(bot => ChannelRequests.TeamsPersonal(bot, _channels.ServiceUrl, id, $"Requester {i}", chat, "", $"submit-{i}", answer)));
            var offer = await Eventually(() => _channels.To(DanasChat).Where(d => d.Text.Contains($"#{i}#", StringComparison.Ordinal))
                .Select(d => d.ActionData("h3.accept")).FirstOrDefault(d => d is not null), $"Dana's offer for request {i}");
            if (i % 3 == 0)
            {
                Assert.True(await SendAsync(bot => ChannelRequests.TeamsPersonal(bot, _channels.ServiceUrl, Dana.Id, Dana.Name, DanasChat, "", $"accept-{i}", offer.DeepClone().AsObject())));
                _acceptSent[i] = DateTimeOffset.UtcNow;
            }
            else if (i % 3 == 1)
                Assert.True(await SendAsync(bot => ChannelRequests.TeamsPersonal(bot, _channels.ServiceUrl, id, $"Requester {i}", chat, "support cancel", $"cancel-{i}")));
        }
        return requesters;
    }

    private sealed record Outcome(List<KudosRecord> Kudos, List<SupportRequest> Requests);

    /// <summary>Reads the shared store until every acknowledged kudos is saved and noted, every request has ended and the digest is out.</summary>
    private async Task<Outcome> WaitForTheEndAsync(Month month, List<int> acknowledged, List<string> requesters, DateTimeOffset digestDue)
    {
        var settings = new SupportSettings { Keys = { [TestSupportKey.Id] = TestSupportKey.Value } };
        Outcome outcome = new([], []);
        for (var i = 0; i < 240; i++)
        {
            await using (var store = TableStoreFactory.Create(Storage))
                outcome = new(await new KudosStore(store).MonthAsync(month, default),
                    [.. (await new SupportRequests(store, new DetailsProtector(settings)).AllAsync(default)).Where(r => requesters.Contains(r.Requester?.Id ?? ""))]);
            var noted = Notes().Select(x => x.Kudos).ToHashSet();
            var kudosDone = acknowledged.All(n => noted.Contains(n) && outcome.Kudos.Any(k => k.Message.Contains($"#{n} ", StringComparison.Ordinal)));
            var supportDone = outcome.Requests.Count == requesters.Count && outcome.Requests.All(r => r.Status is SupportStatus.Accepted or SupportStatus.Cancelled or SupportStatus.Escalated);
            var digestDone = DateTimeOffset.UtcNow > digestDue && Enumerable.Range(0, SeededKudos).All(k => ChannelDigestParts().Any(d => d.Text.Contains($"digest-seed-{k}", StringComparison.Ordinal)));
            if (kudosDone && supportDone && digestDone) break;
            await Task.Delay(1000);
        }
        await Task.Delay(TimeSpan.FromSeconds(5)); // anything sent twice would arrive now
        return outcome;
    }

    private void AssertEveryKudosOnceAndNoted(List<int> acknowledged, List<KudosRecord> saved)
    {
        Assert.True(acknowledged.Count > 100, $"Only {acknowledged.Count} kudos were acknowledged.");
        var missing = acknowledged.Where(n => !saved.Any(k => k.Message.Contains($"#{n} ", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged kudos were lost: #{string.Join(", #", missing.Take(10))}");
        var twice = saved.GroupBy(k => k.Message).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "Saved twice: " + string.Join(" | ", twice.Take(5)));
        var notes = Notes().GroupBy(x => x.Kudos).ToDictionary(g => g.Key, g => g.Count());
        var unnoted = acknowledged.Where(n => !notes.ContainsKey(n)).ToList();
        Assert.True(unnoted.Count == 0, $"{unnoted.Count} acknowledged kudos never reached Ben: #{string.Join(", #", unnoted.Take(10))}");
        // A kill between the channel taking a note and the outbox recording it can repeat that one note (the crash test
        // pins that down); with one kill, at most the notes in flight on that instance.
        var repeated = notes.Where(x => x.Value > 1).ToList();
        Assert.True(repeated.Count <= 8 && repeated.All(x => x.Value == 2), "Notes repeated: " + string.Join(", ", repeated.Select(x => $"#{x.Key}×{x.Value}")));
    }

    private void AssertEverySupportRequestEnded(List<string> requesters, List<SupportRequest> requests)
    {
        Assert.Equal(requesters.Count, requests.Count);
        for (var i = 0; i < requesters.Count; i++)
        {
            var request = Assert.Single(requests, r => r.Requester?.Id == requesters[i]);
            var expected = (i % 3) switch { 0 => SupportStatus.Accepted, 1 => SupportStatus.Cancelled, _ => SupportStatus.Escalated };
            Assert.True(expected == request.Status, $"Request {i} is {request.Status}, expected {expected}: created {request.CreatedAt:HH:mm:ss.fff}, " +
                $"offered {request.OfferedAt:HH:mm:ss.fff}, accepted {request.AcceptedAt:HH:mm:ss.fff}, passed by {string.Join(",", request.Passed)}, " +
                $"accept sent {(_acceptSent.TryGetValue(i, out var at) ? at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "never")}");
            // Each timer fired once: one offer to Dana; after a lapse, one escalation to the coordinator.
            Assert.Single(_channels.To(DanasChat), d => d.Text.Contains($"#{i}#", StringComparison.Ordinal) && d.ActionData("h3.accept") is not null);
            Assert.Equal(expected == SupportStatus.Escalated ? 1 : 0, _channels.To(ElisChat).Count(d => d.Text.Contains($"#{i}#", StringComparison.Ordinal)));
        }
    }

    private List<StubChannels.Delivery> ChannelDigestParts() =>
        _channels.To(c => c.StartsWith("19:program-wellness", StringComparison.Ordinal)).Where(d => d.Text.Contains("digest-seed-", StringComparison.Ordinal)).ToList();

    /// <summary>Each seeded kudos appears in the program channel exactly once, though three instances were due together.</summary>
    private int AssertTheDigestPostedOnce()
    {
        var parts = ChannelDigestParts();
        for (var k = 0; k < SeededKudos; k++)
            Assert.True(parts.Count(d => d.Text.Contains($"digest-seed-{k}", StringComparison.Ordinal)) == 1,
                $"Seeded kudos {k} was in {parts.Count(d => d.Text.Contains($"digest-seed-{k}", StringComparison.Ordinal))} channel posts. Delivered: " + Summary()
                + "\nInstances said:\n" + string.Join("\n", _bots.Select(b => b?.LastOutput)));
        return parts.Count;
    }

    private async Task<T> Eventually<T>(Func<T?> probe, string what) where T : class
    {
        for (var i = 0; i < 240; i++)
        {
            if (probe() is { } found) return found;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Waited 60 s for {what}. Delivered: " + Summary());
    }

    private string Summary() => string.Join("; ", _channels.To(_ => true).GroupBy(d => d.Conversation).Select(g => $"{g.Key} ×{g.Count()}"));

    private async Task Eventually(Func<bool> probe, string what)
    {
        _ = await Eventually(() => probe() ? "yes" : null, what);
    }
}
