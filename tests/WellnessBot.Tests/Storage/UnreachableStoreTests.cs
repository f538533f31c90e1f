using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Core.Pipeline;
using WellnessBot.Storage;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Storage.Sqlite;
using WellnessBot.Tests.Harness;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Storage;

/// <summary>An outage must surface as a clear, typed error after bounded retries, never as a hang.</summary>
public sealed class UnreachableStoreTests
{
    // Generous: only here so a regression fails instead of hanging the suite.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static AzureTableStore StoreAt(int port, int timeoutSeconds = 1, int retries = 2, HttpPipelinePolicy? spy = null)
    {
        var options = AzureTableStore.ClientOptions(retries, TimeSpan.FromSeconds(timeoutSeconds));
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        if (spy is not null) options.AddPolicy(spy, HttpPipelinePosition.PerRetry);
        return new AzureTableStore(
            $"AccountName=devstoreaccount1;AccountKey={AzuriteProcess.AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1", options);
    }

    [Fact]
    public async Task AClosedPortIsAClearErrorAfterBoundedRetries()
    {
        var attempts = new AttemptCounter();
        await using var store = StoreAt(LoopbackPort.Free(), spy: attempts);
        var table = store.GetTableClient("Kudos");

        var error = await Assert.ThrowsAsync<TableStoreUnavailableException>(() => table.GetEntityAsync("p", "r").WaitAsync(HangGuard));

        Assert.Contains("could not be reached", error.Message);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Equal(3, attempts.Count); // the first try and two retries
    }

    [Fact]
    public async Task AServerThatNeverAnswersTimesOutInsteadOfHanging()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (the OS backlog does) but never answers
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var store = StoreAt(port, timeoutSeconds: 1, retries: 1);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TableStoreUnavailableException>(() =>
            store.GetTableClient("Kudos").UpsertEntityAsync(new TableEntity("p", "r")).WaitAsync(HangGuard));

        Assert.Contains("could not be reached", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}"); // two 1 s attempts, not the 100 s default
    }

    [Fact]
    public async Task TheHealthCheckReportsAnUnreachableServiceWithoutThrowing()
    {
        await using var store = StoreAt(LoopbackPort.Free(), retries: 0);
        var health = await store.CheckHealthAsync().WaitAsync(HangGuard);
        Assert.False(health.IsHealthy);
        Assert.Contains("could not be reached", health.Description);
    }

    [Fact]
    public async Task AnSqliteFileThatCannotBeOpenedIsAClearError()
    {
        var blocker = Path.GetTempFileName(); // a file where a directory should be
        await using var store = new SqliteTableStore($"Data Source={Path.Combine(blocker, "sub", "store.db")}");

        var error = await Assert.ThrowsAsync<TableStoreUnavailableException>(() => store.GetTableClient("Kudos").CreateIfNotExistsAsync());
        Assert.Contains("could not be opened", error.Message);
        Assert.False((await store.CheckHealthAsync()).IsHealthy);
        File.Delete(blocker);
    }

    [Fact]
    public async Task RuleBreakingRequestsNeverReachTheService()
    {
        var attempts = new AttemptCounter();
        await using var store = StoreAt(LoopbackPort.Free(), spy: attempts);
        var table = store.GetTableClient("Kudos");

        await Assert.ThrowsAsync<TableValidationException>(() => table.AddEntityAsync(new TableEntity("a/b", "r")));
        await Assert.ThrowsAsync<TableValidationException>(() => table.UpsertEntityAsync(new TableEntity("p", "r") { ["bad name"] = 1 }));
        await Assert.ThrowsAsync<TableValidationException>(() => table.QueryPageAsync(TableQuery.InPartition("p").Take(1001)));
        await Assert.ThrowsAsync<TableValidationException>(() => table.SubmitTransactionAsync(
            [TableTransactionAction.Add(new TableEntity("p", "1")), TableTransactionAction.Add(new TableEntity("q", "1"))]));

        Assert.Equal(0, attempts.Count);
    }

    private sealed class AttemptCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;
        public int Count => _count;
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
