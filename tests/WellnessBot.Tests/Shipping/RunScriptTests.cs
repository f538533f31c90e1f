using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using WellnessBot.Testing;
using WellnessBot.Tests.EndToEnd;

namespace WellnessBot.Tests.Shipping;

/// <summary>
/// ./run.sh on free loopback ports (no browser), ended the ways it ends in life: SIGTERM (a service manager, an IDE's
/// stop button), SIGINT (Ctrl+C), SIGHUP (the terminal closed), or the bot itself dying. Each time every process it
/// started is gone and both ports are free again, so the next run finds them free.
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndCollection.Name)]
public sealed partial class RunScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-runsh-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("HUP")]
    public async Task EndingRunShWithASignalStopsEverythingItStarted(string signal)
    {
        await using var run = await RunShAsync();
        Signal(run.Script.Id, signal);
        await run.Script.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await AssertAllGoneAsync(run);
    }

    [Fact]
    public async Task WhenTheBotDiesRunShStopsThePlaygroundToo()
    {
        await using var run = await RunShAsync();
        // The app dotnet run started (its command line names the built WellnessBot.Bot; dotnet run's own names src/Bot).
        var bot = run.Children.Single(pid => CommandLine(pid).Contains("WellnessBot.Bot", StringComparison.Ordinal));
        Signal(bot, "KILL");
        await run.Script.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await AssertAllGoneAsync(run);
    }

    private sealed record RunningScript(Process Script, IReadOnlyList<int> Children, int BotPort, int PlaygroundPort) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            // Only if the test failed part-way: never leave anything behind for the next test.
            foreach (var pid in Children.Append(Script.Id)) if (IsAlive(pid)) Signal(pid, "KILL");
            Script.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private async Task<RunningScript> RunShAsync()
    {
        var (botPort, playgroundPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "run.sh")])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["WELLNESSBOT_PORT"] = botPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["PLAYGROUND_PORT"] = playgroundPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(_folder, "run.db")}";
        start.Environment["Support__Keys__localdev"] = TestSupportKey.Value;

        var script = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        script.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (LocalChat().Match(e.Data) is { Success: true } m) ready.TrySetResult(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        };
        script.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        _ = script.WaitForExitAsync().ContinueWith(_ => ready.TrySetException(new InvalidOperationException("run.sh ended before it was ready: " + string.Join("\n", output))), TaskScheduler.Default);

        int actualPlayground;
        try
        {
            actualPlayground = await ready.Task.WaitAsync(TimeSpan.FromMinutes(4));
        }
        catch (TimeoutException)
        {
            Signal(script.Id, "KILL");
            throw new TimeoutException("run.sh never said it was ready: " + string.Join("\n", output));
        }
        var children = Descendants(script.Id);
        Assert.True(Listening(botPort), "the bot is not listening on its port");
        Assert.True(Listening(actualPlayground), "the playground is not listening on its port");
        Assert.Contains(children, pid => CommandLine(pid).Contains("agentsplayground", StringComparison.Ordinal));
        return new RunningScript(script, children, botPort, actualPlayground);
    }

    private static async Task AssertAllGoneAsync(RunningScript run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (run.Children.Any(IsAlive) || Listening(run.BotPort) || Listening(run.PlaygroundPort)))
            await Task.Delay(200);
        Assert.Empty(run.Children.Where(IsAlive).Select(pid => $"{pid}: {CommandLine(pid)}"));
        Assert.False(Listening(run.BotPort), "the bot's port is still taken");
        Assert.False(Listening(run.PlaygroundPort), "the playground's port is still taken");
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Every process under <paramref name="root"/>, by parent id in /proc.</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat) parents[pid] = stat.Parent;
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
            foreach (var (pid, ppid) in parents)
                if (ppid == parent) { found.Add(pid); frontier.Enqueue(pid); }
        return found;
    }

    /// <summary>A process's state and parent from /proc/PID/stat (the name in parentheses may hold spaces).</summary>
    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid) => Stat(pid) is { State: not 'Z' and not 'X' };

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Local chat:\s+http://localhost:(\d+)")]
    private static partial Regex LocalChat();
}
