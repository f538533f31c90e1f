using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace WellnessBot.Tests.EndToEnd;

/// <summary>
/// The Microsoft 365 Agents Playground (npm, pinned) on a free loopback port, offline and headless, with the
/// repo's mock people (playground/.m365agentsplayground.yml), pointed at a bot endpoint.
/// </summary>
public sealed partial class PlaygroundProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PlaygroundProcess(Process process, int port)
    {
        _process = process;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    /// <summary>Starts it; with <paramref name="recording"/>, every request and answer it sees is written there (its events recording).</summary>
    public static async Task<PlaygroundProcess> StartAsync(string botEndpoint, string? recording = null)
    {
        var bin = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "agentsplayground");
        if (!File.Exists(bin))
            throw new InvalidOperationException($"The Agents Playground is not installed ({bin}). Run ./test.sh, which installs it.");

        var requested = LoopbackPort.Free();
        var start = new ProcessStartInfo(bin)
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "playground"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--disable-telemetry", "-e", botEndpoint, "-c", "msteams", "-p", requested.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        if (recording is not null)
        {
            start.ArgumentList.Add("--enable-events-recording");
            start.Environment["M365_AGENTS_PLAYGROUND_RECORDING_FILE"] = recording;
        }
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true";
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(Path.GetTempPath(), $"playground-{requested}.log");

        var process = Process.Start(start) ?? throw new InvalidOperationException("The Agents Playground did not start.");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && ListeningOn().Match(e.Data) is { Success: true } m)
                listening.TrySetResult(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new PlaygroundProcess(process, port);
    }

    public ValueTask DisposeAsync()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningOn();
}
