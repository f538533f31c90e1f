using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace WellnessBot.Benchmarks;

/// <summary>
/// A load driver on loopback: the real bot (auth off, embedded store) on Kestrel, a stub Bot Connector on Kestrel,
/// and N conversations each sending "help" as fast as the bot answers. A turn is timed from the POST to
/// /api/messages until its response, by which time the reply card has reached the connector.
/// Targets (2-core machine): p99 &lt; 20 ms at 16 concurrent conversations, &gt; 2,000 turns/s at 64.
/// </summary>
internal static class TurnLoadBenchmark
{
    public static async Task RunAsync()
    {
        Console.WriteLine("Teams turn load (help card), loopback, auth off, stub connector");
        await using var bot = await LoopbackBot.StartAsync();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false });
        await DriveAsync(http, bot, concurrency: 8, Samples.WarmUp); // warm-up: JIT tiers, pools, references
        foreach (var concurrency in new[] { 1, 16, 64 })
        {
            var cpu = bot.Process.CpuSoFar();
            var (count, seconds, samples, acks) = await DriveAsync(http, bot, concurrency, TimeSpan.FromSeconds(8));
            var target = concurrency switch { 16 => "   target: p99 < 10 ms", 64 => "   target: >= 8,000 turns/s", _ => "" };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {concurrency,3} concurrent: {count / seconds,8:F0} turns/s   median={Samples.Format(samples.Median),10}  p99={Samples.Format(samples.P99),10}   (ack p99={Samples.Format(acks.P99)}){target}"));
            Console.WriteLine("       " + bot.Process.Usage(cpu, TimeSpan.FromSeconds(seconds)));
        }
        Console.WriteLine($"  (replies received by the stub connector: {bot.ConnectorCalls:N0}; target: bot RSS < 150 MB)");
    }

    private static async Task<(int Count, double Seconds, Samples Samples, Samples Acks)> DriveAsync(HttpClient http, LoopbackBot bot, int concurrency, TimeSpan duration)
    {
        var (endpoint, serviceUrl) = (bot.Endpoint, bot.ServiceUrl);
        var run = Guid.NewGuid().ToString("N")[..8]; // activity ids unique per run: replies are matched by id
        var latencies = new List<double>[concurrency];
        var ackLatencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            var acks = ackLatencies[worker] = [];
            var i = 0;
            while (clock.Elapsed < duration)
            {
                var body = JsonSerializer.Serialize(new
                {
                    type = "message", id = $"{run}-{worker}-{i}", channelId = "msteams", serviceUrl, text = "help", textFormat = "plain",
                    from = new { id = $"29:load-user-{worker}", name = "Load Tester" },
                    recipient = new { id = "28:wellnessbot-local", name = "WellnessBot" },
                    conversation = new { id = $"a:load-{worker}", conversationType = "personal", tenantId = "load-tenant" },
                });
                var start = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(endpoint, new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The bot answered {(int)response.StatusCode}.");
                acks.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                await bot.ReplyTo($"a:load-{worker}", $"{run}-{worker}-{i++}").WaitAsync(TimeSpan.FromSeconds(30));
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = Samples.From("help turn", latencies.SelectMany(l => l));
        return (latencies.Sum(l => l.Count), seconds, all, Samples.From("ack", ackLatencies.SelectMany(l => l)));
    }
}
