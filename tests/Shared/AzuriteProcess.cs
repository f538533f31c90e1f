using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace WellnessBot.Testing;

/// <summary>
/// A real Azurite Table server (the npm package pinned in package.json) on a free loopback port, in memory.
/// Used by the tests and the benchmark. When it cannot be started the error says how to install it.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly List<string> _output;

    private AzuriteProcess(Process process, int port, List<string> output)
    {
        _process = process;
        Port = port;
        _output = output;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/{AccountName}";

    /// <summary>The repo's pinned Azurite, unless AZURITE_TABLE_BIN names another.</summary>
    public static string DefaultBinary =>
        Environment.GetEnvironmentVariable("AZURITE_TABLE_BIN") ?? Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite-table");

    /// <summary>Starts Azurite; <paramref name="extraArguments"/> add options such as --oauth basic with a certificate.</summary>
    public static Task<AzuriteProcess> StartAsync(params string[] extraArguments) => StartAsync(DefaultBinary, extraArguments);

    /// <summary>Azurite on a given port (to bring "the store" back where a host expects it).</summary>
    public static Task<AzuriteProcess> StartOnPortAsync(int port) => StartAsync(DefaultBinary, [], port);

    public static async Task<AzuriteProcess> StartAsync(string bin, string[] extraArguments, int? fixedPort = null)
    {
        if (!File.Exists(bin))
            throw new InvalidOperationException(
                $"Azurite is not installed ({bin} is missing). Run ./test.sh, which installs it, or 'npm ci' in {RepoPaths.Root}.");

        var failures = new List<string>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var port = fixedPort ?? LoopbackPort.Free();
            var start = new ProcessStartInfo(bin)
            {
                WorkingDirectory = Directory.CreateTempSubdirectory("azurite-").FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture),
                                        "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent" })
                start.ArgumentList.Add(arg);
            foreach (var arg in extraArguments)
                start.ArgumentList.Add(arg);

            var output = new List<string>();
            var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var azurite = new AzuriteProcess(process, port, output);
            if (await azurite.WaitUntilListeningAsync(TimeSpan.FromSeconds(30)))
                return azurite;
            await azurite.DisposeAsync();
            lock (output) failures.AddRange(output.TakeLast(5));
        }
        throw new InvalidOperationException("Azurite did not start listening: " + string.Join(" | ", failures));
    }

    private async Task<bool> WaitUntilListeningAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        return false;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { /* already gone */ }
        // Its working folder (the data is in memory): left behind, every test run added a dozen folders to /tmp.
        try { Directory.Delete(_process.StartInfo.WorkingDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
