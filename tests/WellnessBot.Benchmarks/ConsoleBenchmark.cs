using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using WellnessBot.Bot.Hosting;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;
using WellnessBot.Storage.Sqlite;

namespace WellnessBot.Benchmarks;

/// <summary>
/// The coordinators' console with 50,000 kudos in this month (embedded store, real Kestrel on loopback, signed in
/// locally as the coordinator): each page's time from request to the last byte. Target: under 100 ms.
/// </summary>
internal static partial class ConsoleBenchmark
{
    public static async Task RunAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Coordinators' console with 50,000 kudos this month (SQLite, loopback, one request at a time)");
        var folder = Directory.CreateTempSubdirectory("wellnessbot-console-bench-").FullName;
        var db = Path.Combine(folder, "console.db");
        var month = Month.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        await SeedAsync(db, month);

        await using var bot = WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development", WellnessBot.Testing.TestSupportKey.Argument,
            "--Logging:LogLevel:Default=Warning", $"--Storage:ConnectionString=Data Source={db}", "--Program:Coordinators:0=29:coordinator-eli",
            "--Console:LocalPeople:0:Id=29:coordinator-eli", "--Console:LocalPeople:0:Name=Eli Coordinator",
            $"--Resources:CatalogPath={Path.Combine(WellnessBot.Testing.RepoPaths.Root, "src", "Bot", "catalog", "resources.json")}"]);
        await bot.StartAsync();
        var url = bot.Urls.Single();
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(url) };
        var signIn = await browser.GetStringAsync("/console/signin");
        await browser.PostAsync("/console/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "local-signin", ["PersonId"] = "29:coordinator-eli", ["__RequestVerificationToken"] = Token().Match(signIn).Groups[1].Value,
        }));

        // The console reads its open months ahead 2 s after start (ConsoleWarmer); a page before that reads them itself.
        var first = Stopwatch.StartNew();
        await browser.GetByteArrayAsync("/console/kudos");
        Console.WriteLine($"  (the kudos page at once after start, before the read-ahead: {first.Elapsed.TotalMilliseconds:F0} ms; then 5 s for the read-ahead)");
        await Task.Delay(TimeSpan.FromSeconds(5));
        foreach (var page in new[] { "/console", "/console/digest", "/console/digest?page=250", "/console/digest/print", "/console/resources",
                     "/console/supporters", "/console/support", "/console/kudos",
                     $"/console/digest/{month}/kudos.csv", $"/console/digest/{month}/slides.pptx" })
        {
            long bytes = 0;
            var samples = await Samples.TimeAsync(page, 10, async _ => bytes = (await browser.GetByteArrayAsync(page)).Length);
            Console.WriteLine(samples.Line("< 100 ms") + $"   ({bytes / 1024:N0} KiB)");
        }
        using (var forms = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) })
            await HideThenViewAsync(browser, forms, month);
        Console.WriteLine("  " + Samples.Memory());
        await bot.StopAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A coordinator hides a shout-out, then sees the digest again: the month is compiled again without being read.</summary>
    private static async Task HideThenViewAsync(HttpClient browser, HttpClient forms, Month month)
    {
        var hide = new List<double>();
        var view = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var page = await browser.GetStringAsync("/console/digest");
            var id = KudosId().Match(page).Groups[1].Value;
            var timer = Stopwatch.StartNew();
            var answer = await forms.PostAsync("/console/digest/hide", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["KudosId"] = id, ["Month"] = month.ToString(), ["From"] = "breakfast", ["Reason"] = "bench",
                ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
            }));
            hide.Add(timer.Elapsed.TotalMilliseconds);
            timer.Restart();
            var after = await browser.GetStringAsync(answer.Headers.Location!.OriginalString);
            view.Add(timer.Elapsed.TotalMilliseconds);
            if (answer.StatusCode != HttpStatusCode.Redirect || !after.Contains("Hidden from the breakfast", StringComparison.Ordinal)) throw new InvalidOperationException("the hide did not show");
        }
        Console.WriteLine($"  hide a shout-out (the form's POST) median {hide.Order().ElementAt(2):F1} ms, the page it sends the coordinator back to median {view.Order().ElementAt(2):F1} ms (n=5)");
    }

    [GeneratedRegex("name=\"KudosId\" value=\"([0-9a-f]+)\"")]
    private static partial Regex KudosId();

    private static async Task SeedAsync(string db, Month month)
    {
        await using var store = new SqliteTableStore(db);
        var table = store.GetTableClient(StorageKeys.KudosTable);
        await table.CreateIfNotExistsAsync();
        await BigMonth.SeedAsync(table, month);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
