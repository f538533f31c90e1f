using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WellnessBot.Bot.Slack;

namespace WellnessBot.Benchmarks;

/// <summary>
/// Issue 6 of 7 (Slack): how fast a signed slash command is acknowledged with 32 requests in flight, through real
/// Kestrel on loopback, with a stub Slack Web API that accepts everything the background turns send.
/// </summary>
internal static class SlackBenchmark
{
    private const string Secret = "bench-signing-secret";

    public static async Task RunAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Slack slash-command acknowledgement (/kudos, signed), loopback, stub Web API");
        var folder = Directory.CreateTempSubdirectory("wellnessbot-slack-bench-").FullName;
        var stubBuilder = WebApplication.CreateSlimBuilder();
        stubBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        stubBuilder.Logging.ClearProviders();
        var stub = stubBuilder.Build();
        var apiCalls = 0;
        var notes = 0; // a note to the colleague: the last thing a kudos turn does, so its count is kudos processed
        stub.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            Interlocked.Increment(ref apiCalls);
            using var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
            // Each person's DM is D + their id; Ben's note is the only message posted in his.
            if (method == "chat.postMessage" && body.RootElement.TryGetProperty("channel", out var channel) && channel.GetString() == "DU0BEN") Interlocked.Increment(ref notes);
            return method switch
            {
                "auth.test" => Results.Json(new { ok = true, user_id = "U0BOT" }),
                "conversations.open" => Results.Json(new { ok = true, channel = new { id = "D" + body.RootElement.GetProperty("users").GetString() } }),
                "users.info" => Results.Json(new { ok = true, user = new { id = "U0", name = "colleague", profile = new { display_name = "Colleague" } } }),
                _ => Results.Json(new { ok = true, ts = "1.0" }),
            };
        });
        await stub.StartAsync();

        await using var bot = await BotChild.StartAsync(Path.Combine(folder, "slack.db"), "--Slack:SigningSecret=" + Secret, "--Slack:BotToken=xoxb-bench",
            "--Slack:ApiBaseUrl=" + stub.Urls.Single() + "/api/", "--Slack:ResponseUrlBase=" + stub.Urls.Single() + "/", "--Slack:AllowedTeams:0=T0");
        var endpoint = new Uri(bot.Url + "/slack/commands");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false });

        var sequence = 0;
        var busy = 0;
        async Task<double> OneAsync()
        {
            var n = Interlocked.Increment(ref sequence);
            var body = string.Join("&", new[]
            {
                ("team_id", "T0"), ("channel_id", "C0WELLNESS"), ("channel_name", "wellness"), ("user_id", $"U{n:D6}"), ("user_name", "resident"),
                ("command", "/kudos"), ("text", $"<@U0BEN|ben> thanks for the handoff number {n}"), ("response_url", stub.Urls.Single() + "/response/1"),
                ("trigger_id", $"trigger-{n}"),
            }.Select(f => f.Item1 + "=" + Uri.EscapeDataString(f.Item2)));
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
            request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
            request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Compute(Secret, timestamp, Encoding.UTF8.GetBytes(body)));
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var elapsed = watch.Elapsed.TotalMicroseconds;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"slash command answered {(int)response.StatusCode}");
            if ((await response.Content.ReadAsStringAsync()).Contains("busy", StringComparison.OrdinalIgnoreCase)) Interlocked.Increment(ref busy);
            return elapsed;
        }

        async Task<List<double>> DriveAsync(int concurrency, int perWorker)
        {
            var all = new List<double>();
            var workers = Enumerable.Range(0, concurrency).Select(async _ =>
            {
                var mine = new List<double>(perWorker);
                for (var i = 0; i < perWorker; i++) mine.Add(await OneAsync());
                lock (all) all.AddRange(mine);
            });
            await Task.WhenAll(workers);
            return all;
        }

        // Processed means the colleague's note was posted: waited for at the stub, up to a minute past the last ack.
        async Task UntilNotesAsync(int expected)
        {
            var deadline = Stopwatch.StartNew();
            while (Volatile.Read(ref notes) < expected && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(5);
        }

        await DriveAsync(8, 25); // warm-up
        await UntilNotesAsync(200 - busy);
        foreach (var concurrency in new[] { 32, 64 })
        {
            var notesBefore = Volatile.Read(ref notes);
            busy = 0;
            var cpu = bot.CpuSoFar();
            var watch = Stopwatch.StartNew();
            var samples = await DriveAsync(concurrency, 3_840 / concurrency);
            var acked = watch.Elapsed.TotalSeconds;
            await UntilNotesAsync(notesBefore + samples.Count - busy);
            var done = watch.Elapsed.TotalSeconds;
            Console.WriteLine(Samples.From($"{concurrency} concurrent ({samples.Count / acked:F0} acks/s)", samples).Line("p99 < 50 ms"));
            Console.WriteLine($"    processed (saved, note posted in the colleague's DM): {(Volatile.Read(ref notes) - notesBefore) / done:F0} kudos/s " +
                $"over {done:F1} s, each from a different giver; busy answers: {busy}   target: >= 2,500/s, 0 busy");
            Console.WriteLine("    " + bot.Usage(cpu, watch.Elapsed) + "   target: RSS < 150 MB");
        }
        Console.WriteLine($"    every kudos ran in the background: {apiCalls:N0} Web API calls answered by the stub");
        await bot.DisposeAsync();
        await stub.StopAsync();
        await stub.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
