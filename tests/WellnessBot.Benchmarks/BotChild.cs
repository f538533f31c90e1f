using System.Diagnostics;
using System.Globalization;
using WellnessBot.Bot.Hosting;

namespace WellnessBot.Benchmarks;

/// <summary>
/// The real bot in a process of its own (this program run as "serve-bot"), so a benchmark's memory and CPU figures
/// are the bot's, apart from the load generator and the stub that share the machine with it. The child prints its
/// address once it listens and stops when its standard input closes.
/// </summary>
internal sealed class BotChild : IAsyncDisposable
{
    private const string Ready = "bot listening on ";
    private readonly Process _process;
    private bool _stopped;

    private BotChild(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>
    /// Starts the bot on a free loopback port, with its embedded store at <paramref name="database"/>, quiet logs, the
    /// test support key and these settings of the benchmark's own, and waits until it listens.
    /// </summary>
    public static async Task<BotChild> StartAsync(string database, params string[] settings)
    {
        string[] botArguments =
        [
            "--urls", "http://127.0.0.1:0", WellnessBot.Testing.TestSupportKey.Argument, "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:WellnessBot.Bot.Hosting.StartupTasks=Error", "--Logging:LogLevel:WellnessBot.Dialogs.Kudos=Error",
            $"--Storage:ConnectionString=Data Source={database}", .. settings,
        ];
        // This program again: run as "dotnet X.dll" (bench.sh's dotnet run), or as its own executable.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(BotChild).Assembly.Location);
        start.ArgumentList.Add("serve-bot");
        foreach (var argument in botArguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The bot process did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (!line.StartsWith(Ready, StringComparison.Ordinal)) continue;
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null); // its log lines are drained, never read
            return new BotChild(process, line[Ready.Length..].Trim());
        }
        throw new InvalidOperationException($"The bot process ended before it listened (exit code {process.ExitCode}).");
    }

    /// <summary>The child's side: run the bot until the parent closes standard input.</summary>
    public static async Task ServeAsync(string[] botArguments)
    {
        await using var bot = WellnessBotHost.Build(botArguments);
        await bot.StartAsync();
        Console.WriteLine(Ready + bot.Urls.Single());
        await Console.In.ReadToEndAsync();
        await bot.StopAsync();
    }

    /// <summary>CPU time used so far by the bot, and by this process (the load generator and the stub).</summary>
    public (TimeSpan Bot, TimeSpan Driver) CpuSoFar()
    {
        _process.Refresh();
        using var self = Process.GetCurrentProcess();
        return (_process.TotalProcessorTime, self.TotalProcessorTime);
    }

    /// <summary>The bot's resident memory now and at its peak, in MB (Linux: /proc/pid/status).</summary>
    public (long Now, long Peak) Memory()
    {
        long Field(string name) =>
            File.ReadLines($"/proc/{_process.Id}/status").Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
                .Select(l => long.Parse(l[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();
        return (Field("VmRSS"), Field("VmHWM"));
    }

    /// <summary>One line: the bot's memory, and how the two cores were shared over a window that began at <paramref name="since"/>.</summary>
    public string Usage((TimeSpan Bot, TimeSpan Driver) since, TimeSpan window)
    {
        var (bot, driver) = CpuSoFar();
        var (now, peak) = Memory();
        return string.Create(CultureInfo.InvariantCulture,
            $"bot RSS {now} MB (peak {peak} MB); CPU: bot {(bot - since.Bot) / window:F2} cores, load generator + stub {(driver - since.Driver) / window:F2} cores");
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
