using Microsoft.Extensions.Logging.Abstractions;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage.Sqlite;

namespace WellnessBot.Benchmarks;

/// <summary>
/// Issue 4 of 7 (H3): with 500 open requests and their timers in the embedded store, how long the timer sweep takes
/// to find what is due, and to handle it (each due offer passed to the next supporter, stub messenger).
/// </summary>
internal static class SupportBenchmark
{
    public static async Task RunAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Support timer sweep, 500 open requests with timers, embedded store");
        var folder = Directory.CreateTempSubdirectory("wellnessbot-support-bench-").FullName;
        await using var store = new SqliteTableStore(Path.Combine(folder, "support.db"));
        foreach (var table in StorageKeys.AllTables) await store.GetTableClient(table).CreateIfNotExistsAsync();

        var clock = new ManualClock(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
        var settings = new SupportSettings { Keys = { ["bench"] = DetailsProtector.NewKey() } };
        var requests = new SupportRequests(store, new DetailsProtector(settings));
        var roster = new PeerRoster(store);
        var messenger = new NullMessenger();
        var outbox = new WellnessBot.Dialogs.Outbox.Outbox(store, new DetailsProtector(settings), messenger, new WellnessBot.Dialogs.Outbox.OutboxSettings(), clock,
            NullLogger<WellnessBot.Dialogs.Outbox.Outbox>.Instance);
        var program = new ProgramSettings { Coordinators = ["29:coordinator"] };
        var catalog = new WellnessBot.Dialogs.Resources.CatalogSource(
            new WellnessBot.Dialogs.Resources.ResourceSettings { CatalogPath = Path.Combine(WellnessBot.Testing.RepoPaths.Root, "src", "Bot", "catalog", "resources.json") },
            NullLogger<WellnessBot.Dialogs.Resources.CatalogSource>.Instance);
        var redaction = new CardRedaction(messenger, NullLogger<CardRedaction>.Instance);
        var routing = new SupportRouting(requests, roster, new SupportAudit(store, clock), outbox, new NoNames(), new SupportNotices(outbox), redaction, catalog,
            program, settings, clock, NullLogger<SupportRouting>.Instance);
        var timers = new SupportTimers(requests, routing, redaction, outbox, program, settings, clock, NullLogger<SupportTimers>.Instance);
        for (var s = 0; s < 40; s++)
            await roster.AddAsync(new UserRef("msteams", $"29:supporter-{s}", $"Supporter {s:D2}"), s % 2 == 0 ? "Medicine" : "Surgery", default);

        // 500 offers spread over the next two hours: each run below moves the clock so that about 25 are due.
        var start = clock.GetUtcNow();
        for (var i = 0; i < 500; i++)
        {
            var at = start + TimeSpan.FromSeconds(i * 14.4);
            await requests.CreateAsync(new SupportRequest
            {
                Id = $"{i:x8}0000000000000000", Requester = new UserRef("msteams", $"29:resident-{i}", ""), Tier = SupportTier.PeerSupporter,
                Status = SupportStatus.Offered, Supporter = new UserRef("msteams", $"29:supporter-{i % 40}", $"Supporter {i % 40:D2}"),
                CreatedAt = at - TimeSpan.FromHours(2), OfferedAt = at - TimeSpan.FromHours(2), Timer = SupportTimer.OfferExpires, DueAt = at,
                Details = new SupportDetails { RequesterName = $"Resident {i}", Note = "A hard night on call; I'd like to talk.", ContactBy = "chat" },
            }, default);
        }
        Console.WriteLine($"  (seeded 500 open requests, 500 timers, 40 supporters)");

        var find = new List<double>();
        var sweep = new List<double>();
        var found = 0;
        for (var run = 0; run < 19; run++)
        {
            clock.Now = start + TimeSpan.FromMinutes(6 * run + 6);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var due = await requests.DueAsync(clock.Now, default);
            find.Add(watch.Elapsed.TotalMicroseconds);
            found += due.Count;
            watch.Restart();
            await timers.SweepAsync(default);
            sweep.Add(watch.Elapsed.TotalMicroseconds);
        }
        Console.WriteLine(Samples.From("find due work (range read of the timers)", find).Line("< 50 ms"));
        Console.WriteLine(Samples.From("whole sweep (~25 due offers reassigned)", sweep).Line());
        Console.WriteLine($"    {found / find.Count} due per run on average, out of 500 open");
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class NullMessenger : IProactiveMessenger
    {
        public Task<SentMessage?> SendToUserAsync(UserRef user, BotMessage message, CancellationToken ct = default) =>
            Task.FromResult<SentMessage?>(new SentMessage("dm-" + user.Id, "m-1"));
        public Task<bool> UpdateUserMessageAsync(UserRef user, SentMessage sent, BotMessage message, CancellationToken ct = default) => Task.FromResult(true);
        public Task<string?> SendToConversationAsync(ConversationRef conversation, BotMessage message, CancellationToken ct = default) => Task.FromResult<string?>("1");
    }

    private sealed class NoNames : IPeopleDirectory
    {
        public Task<UserRef?> FindAsync(Turn turn, string pickedId, CancellationToken ct) => Task.FromResult<UserRef?>(null);
        public Task<string?> NameOfAsync(UserRef person, CancellationToken ct) => Task.FromResult<string?>(null);
        public Task<int> ForgetAsync(UserRef person, CancellationToken ct) => Task.FromResult(0);
    }
}
