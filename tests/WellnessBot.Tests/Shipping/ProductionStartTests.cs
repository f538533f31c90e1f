using System.Diagnostics;
using System.Net;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Shipping;

/// <summary>
/// The real bot process, configured as production is, from environment variables only: it starts and becomes
/// ready; without a required secret it refuses to start and names it.
/// </summary>
public sealed class ProductionStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-prod-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static string BotDll =>
        Path.Combine(RepoPaths.Root, "src", "Bot", "bin",
            typeof(ProductionStartTests).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0", "WellnessBot.Bot.dll");

    private Process Start(int port, bool withSupportKey, string timeZone = "America/New_York")
    {
        var start = new ProcessStartInfo("dotnet", [BotDll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__Provider"] = "Sqlite";
        start.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(_folder, "prod.db")}";
        start.Environment["MicrosoftAppType"] = "SingleTenant";
        start.Environment["MicrosoftAppId"] = "11111111-aaaa-4bbb-8ccc-000000000001";
        start.Environment["MicrosoftAppPassword"] = "not-a-real-secret";
        start.Environment["MicrosoftAppTenantId"] = "7a1f2c3d-0000-4000-8000-00000000beef";
        start.Environment["Program__Coordinators__0"] = "29:coordinator-eli";
        start.Environment["Program__TimeZone"] = timeZone;
        if (withSupportKey) start.Environment["Support__Keys__2026a"] = TestSupportKey.Value;
        return Process.Start(start)!;
    }

    [Fact]
    public async Task WithEveryRequiredSettingTheBotStartsAndIsReady()
    {
        var port = LoopbackPort.Free();
        using var bot = Start(port, withSupportKey: true);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpStatusCode? status = null;
            for (var i = 0; i < 120 && status != HttpStatusCode.OK && !bot.HasExited; i++)
            {
                try { status = (await http.GetAsync("/readyz")).StatusCode; }
                catch (HttpRequestException) { await Task.Delay(250); }
            }
            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task WithoutTheEncryptionKeyItRefusesToStartAndNamesIt()
    {
        using var bot = Start(LoopbackPort.Free(), withSupportKey: false);
        var output = bot.StandardOutput.ReadToEndAsync();
        var errors = bot.StandardError.ReadToEndAsync();
        var exited = bot.WaitForExitAsync();
        Assert.Same(exited, await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(60))));
        Assert.NotEqual(0, bot.ExitCode);
        Assert.Contains("Support:Keys is empty", await output + await errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAMistypedTimeZoneItRefusesToStartAndNamesIt()
    {
        using var bot = Start(LoopbackPort.Free(), withSupportKey: true, timeZone: "US/Eastren");
        var output = bot.StandardOutput.ReadToEndAsync();
        var errors = bot.StandardError.ReadToEndAsync();
        var exited = bot.WaitForExitAsync();
        Assert.Same(exited, await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(60))));
        Assert.NotEqual(0, bot.ExitCode);
        Assert.Contains("Program:TimeZone 'US/Eastren'", await output + await errors, StringComparison.Ordinal);
    }
}
