using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;
using WellnessBot.Storage.Sqlite;

namespace WellnessBot.Benchmarks;

/// <summary>
/// Targets (2-core machine, embedded store): compiling a month with 50,000 kudos in &lt; 1 s; giving a kudos
/// (turn in → confirmation and recipient note out, stub connector) p99 &lt; 25 ms at 16 concurrent users.
/// </summary>
internal static class KudosBenchmark
{
    public static async Task RunAsync()
    {
        await PatientDetailsBenchmark.RunAsync();
        await DigestCompileAsync();
        await GivingAsync();
    }

    private static async Task DigestCompileAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Monthly digest of 50,000 kudos from the embedded store");
        var folder = Directory.CreateTempSubdirectory("wellnessbot-digest-bench-").FullName;
        await using var store = new SqliteTableStore(Path.Combine(folder, "digest.db"));
        var table = store.GetTableClient(StorageKeys.KudosTable);
        await table.CreateIfNotExistsAsync();
        var kudos = new KudosStore(store);

        var seed = Stopwatch.StartNew();
        await BigMonth.SeedAsync(table, new Month(2026, 11));
        Console.WriteLine($"  (seeded 50,000 kudos in {seed.Elapsed.TotalSeconds:F1} s)");

        // Cold: the first time this process compiles a digest (as on the monthly run of a long-lived host).
        var cold = Stopwatch.StartNew();
        var coldDigest = MonthlyDigest.Compile(new Month(2026, 11), await kudos.MonthAsync(new Month(2026, 11), default));
        _ = coldDigest.ForChannel(false).Count + coldDigest.ForBreakfast(false).Count;
        Console.WriteLine($"  first (cold) run: {Samples.Format(cold.Elapsed.TotalMicroseconds)}");
        if (Environment.GetEnvironmentVariable("BENCH_STAGES") == "1")
        {
            for (var r = 0; r < 3; r++)
            {
                var w = Stopwatch.StartNew();
                var rows = await table.QueryAllAsync(TableQuery.InPartition(StorageKeys.KudosMonthPartition(new Month(2026, 11))));
                var tRead = w.Elapsed.TotalMilliseconds; w.Restart();
                var month = await kudos.MonthAsync(new Month(2026, 11), default);
                var tMonth = w.Elapsed.TotalMilliseconds; w.Restart();
                var digest = MonthlyDigest.Compile(new Month(2026, 11), month);
                var tCompile = w.Elapsed.TotalMilliseconds; w.Restart();
                var c = digest.ForChannel(false).Count;
                var tChannel = w.Elapsed.TotalMilliseconds; w.Restart();
                var b = digest.ForBreakfast(false).Count;
                var tBreakfast = w.Elapsed.TotalMilliseconds;
                Console.WriteLine($"  stages: raw read {tRead:F0} ms, read+map {tMonth:F0} ms, compile {tCompile:F0} ms, channel {tChannel:F0} ms ({c}), breakfast {tBreakfast:F0} ms ({b}), rows {rows.Count}");
            }
        }
        var runs = await Samples.TimeAsync("read + compile + render both versions", 5, async _ =>
        {
            var month = await kudos.MonthAsync(new Month(2026, 11), default);
            var digest = MonthlyDigest.Compile(new Month(2026, 11), month);
            var parts = digest.ForChannel(false).Count + digest.ForBreakfast(false).Count;
            if (digest.KudosCount != 50_000 || parts < 2) throw new InvalidOperationException("unexpected digest");
        });
        Console.WriteLine(runs.Line("< 1 s"));
        Console.WriteLine("    runs, in order: " + string.Join(", ", runs.Raw.Select(Samples.Format)) +
                          $"   (GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2 so far; server GC {System.Runtime.GCSettings.IsServerGC})");
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    public static async Task GivingAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Giving a kudos in a Teams channel (turn in → saved, private confirmation, note to the colleague, shout-out), new activity ids, loopback, stub connector, SQLite");
        await using var bot = await LoopbackBot.StartAsync();
        var (endpoint, serviceUrl) = (bot.Endpoint, bot.ServiceUrl);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false });

        const int colleagues = 64;
        for (var u = 0; u < colleagues; u++) // every colleague has opened the bot once, so notes can reach them
            await PostAsync(http, endpoint, Activity(serviceUrl, $"29:colleague-{u}", $"a:colleague-{u}", "hello", $"seed-{u}"));
        await Task.Delay(500);

        var sequence = 0;
        async Task<Samples> DriveAsync(int users, TimeSpan duration, TimeSpan? pace = null)
        {
            var latencies = new List<double>[users];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, users).Select(u => Task.Run(async () =>
            {
                var mine = latencies[u] = [];
                var next = clock.Elapsed + TimeSpan.FromMilliseconds(u * 7); // users do not all start on the same tick
                while (clock.Elapsed < duration)
                {
                    if (pace is { } period)
                    {
                        var wait = next - clock.Elapsed;
                        if (wait > TimeSpan.Zero) await Task.Delay(wait);
                        next += period;
                    }
                    var colleague = (u + 1) % colleagues;
                    var id = $"k-{Interlocked.Increment(ref sequence)}";
                    var body = Activity(serviceUrl, $"29:giver-{u}", Channel, $"kudos <at>Colleague {colleague}</at> thanks for the sign-out",
                        id, mention: ($"29:colleague-{colleague}", $"Colleague {colleague}"), inChannel: true);
                    var start = Stopwatch.GetTimestamp();
                    await PostAsync(http, endpoint, body);
                    // The bot answers first and runs the turn after. The shout-out in the channel is the turn's last
                    // effect (after the save, the giver's confirmation and the colleague's note): the kudos counts then.
                    await bot.ReplyTo(Channel, id).WaitAsync(TimeSpan.FromSeconds(30));
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
            })));
            return Samples.From("kudos turn", latencies.SelectMany(l => l));
        }

        await DriveAsync(16, Samples.WarmUp); // warm-up: JIT tiers, pools
        foreach (var (label, users, pace, target) in new (string, int, TimeSpan?, string)[]
                 {
                     ("16 givers, one kudos each every 100 ms", 16, TimeSpan.FromMilliseconds(100), "p99 < 20 ms"),
                     ("16 givers flat out", 16, null, "p99 < 20 ms"),
                     ("64 givers flat out", 64, null, ">= 4,000/s, p99 < 50 ms"),
                 })
        {
            var before = sequence;
            var calls = bot.ConnectorCalls;
            var cpu = bot.Process.CpuSoFar();
            var watch = Stopwatch.StartNew();
            var samples = await DriveAsync(users, TimeSpan.FromSeconds(8), pace);
            var window = watch.Elapsed;
            var rate = (sequence - before) / window.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label,-40} {rate,6:F0} kudos/s   median={Samples.Format(samples.Median),10}  p99={Samples.Format(samples.P99),10}   target: {target}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    connector calls a kudos: {(bot.ConnectorCalls - calls) / (double)(sequence - before):F1}; {bot.Process.Usage(cpu, window)}   target: RSS < 150 MB"));
        }
    }

    private const string Channel = "19:bench-wellness@thread.tacv2";

    private static string Activity(string serviceUrl, string from, string conversation, string text, string id, (string Id, string Name)? mention = null,
        bool inChannel = false) =>
        JsonSerializer.Serialize(new
        {
            type = "message", id, channelId = "msteams", serviceUrl, text, textFormat = "plain",
            from = new { id = from, name = from }, recipient = new { id = "28:wellnessbot-local", name = "WellnessBot" },
            conversation = new { id = conversation, conversationType = inChannel ? "channel" : "personal", isGroup = inChannel, tenantId = "bench-tenant" },
            entities = mention is { } m ? new object[] { new { type = "mention", text = $"<at>{m.Name}</at>", mentioned = new { id = m.Id, name = m.Name } } } : [],
        });

    private static async Task PostAsync(HttpClient http, Uri endpoint, string body)
    {
        using var response = await http.PostAsync(endpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The bot answered {(int)response.StatusCode}.");
    }
}
