using System.Diagnostics;
using System.Net.Sockets;
using WellnessBot.Storage.AzureTables;

namespace WellnessBot.Tests.Support;

/// <summary>
/// A real Azurite Table server (npm package pinned in package.json) on a free loopback port, in-memory,
/// started once for every test that needs Azure Table Storage and stopped after them. When it cannot be
/// started the tests fail with how to install it: they are never skipped.
/// </summary>
public sealed class AzuriteServer : IAsyncLifetime
{
    private Process? _process;
    private readonly List<string> _output = [];

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={TableConnectionString.DevelopmentAccountName};" +
        $"AccountKey={TableConnectionString.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{Port}/{TableConnectionString.DevelopmentAccountName}";

    public async Task InitializeAsync()
    {
        var bin = Environment.GetEnvironmentVariable("AZURITE_TABLE_BIN")
                  ?? Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(bin))
            throw new InvalidOperationException(
                $"Azurite is not installed ({bin} is missing). Run ./test.sh, which installs it, or 'npm ci' in {RepoPaths.Root}.");

        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackPort.Free();
            var workspace = Directory.CreateTempSubdirectory("azurite-").FullName;
            var start = new ProcessStartInfo(bin)
            {
                WorkingDirectory = workspace,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                        "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose" })
                start.ArgumentList.Add(arg);

            _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();

            if (await WaitUntilListeningAsync(TimeSpan.FromSeconds(30)))
                return;
            await DisposeAsync();
            if (attempt == 3)
                throw new InvalidOperationException("Azurite did not start listening: " + string.Join(" | ", _output.TakeLast(10)));
        }
    }

    private async Task<bool> WaitUntilListeningAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline && _process is { HasExited: false })
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

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        _process = null;
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteServer>
{
    public const string Name = "Azurite";
}
