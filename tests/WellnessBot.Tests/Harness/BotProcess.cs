using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace WellnessBot.Tests.Harness;

/// <summary>
/// The real bot (src/Bot's built WellnessBot.Bot.dll) as a process of its own on a free loopback port, configured
/// by environment variables only, as a container would be: Development with local clients allowed, unless a test says otherwise. <see cref="Kill"/> is SIGKILL: nothing is flushed.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private BotProcess(int port) => Port = port;

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    private static string Dll =>
        Path.Combine(RepoPaths.Root, "src", "Bot", "bin",
            typeof(BotProcess).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0", "WellnessBot.Bot.dll");

    /// <summary>
    /// Starts the bot and waits until /healthz answers; a port taken meanwhile by another test's server means another port.
    /// <paramref name="alsoListenOn"/>: another URL the bot listens on besides <see cref="Url"/> (e.g. https with a test certificate).
    /// </summary>
    public static async Task<BotProcess> StartAsync(string workingFolder, IReadOnlyDictionary<string, string> environment, string? alsoListenOn = null)
    {
        var bot = new BotProcess(LoopbackPort.Free());
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await bot.TryStartAsync(workingFolder, environment, alsoListenOn)) return bot;
            bot.Kill();
            bot.Port = LoopbackPort.Free();
        }
        throw new TimeoutException("The bot did not start:\n" + string.Join("\n", bot._output.TakeLast(40)));
    }

    private async Task<bool> TryStartAsync(string workingFolder, IReadOnlyDictionary<string, string> environment, string? alsoListenOn)
    {
        var start = new ProcessStartInfo("dotnet", [Dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingFolder };
        // Auth off (no MicrosoftAppId): the explicit Development setting for local clients, as ./run.sh sets it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = alsoListenOn is null ? Url : Url + ";" + alsoListenOn;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Kudos__MaxPerDay"] = "1000000"; // crash and scale-out loads give hundreds of kudos from few givers
        foreach (var (name, value) in environment) start.Environment[name] = value;
        if (start.Environment["ASPNETCORE_ENVIRONMENT"] == "Development" && !environment.ContainsKey("Bot__AllowUnauthenticatedLocalClients"))
            start.Environment["Bot__AllowUnauthenticatedLocalClients"] = "true";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } line && _output.Count < 400) _output.Enqueue(line); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && _output.Count < 400) _output.Enqueue(line); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 480 && !_process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync(Url + "/healthz")).StatusCode == HttpStatusCode.OK) return !_process.HasExited;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        return false;
    }

    /// <summary>What the process printed last (warnings and errors only), for a failing test's message.</summary>
    public string LastOutput => string.Join("\n", _output.TakeLast(40));

    /// <summary>Everything the process printed (its first 400 lines), e.g. to check that no secret was logged.</summary>
    public string Output => string.Join("\n", _output);

    public void Kill()
    {
        if (_process is null) return;
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
