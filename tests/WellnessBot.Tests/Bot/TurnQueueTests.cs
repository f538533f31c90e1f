using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WellnessBot.Bot.Hosting;
using WellnessBot.Dialogs;
using WellnessBot.Storage;
using WellnessBot.Storage.Sqlite;

namespace WellnessBot.Tests.Bot;

/// <summary>
/// The queue both edges hand requests to: kept in the inbox before the edge answers, crisis first, a redelivery
/// taken once, and what an instance never finished run by the next one.
/// </summary>
public sealed class TurnQueueTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-queue-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
    private SqliteTableStore _store = null!;
    private readonly WellnessBot.Dialogs.Support.DetailsProtector _protector =
        new(new WellnessBot.Dialogs.Support.SupportSettings { Keys = { ["t"] = WellnessBot.Dialogs.Support.DetailsProtector.NewKey() } });

    public async Task InitializeAsync()
    {
        _store = new SqliteTableStore(Path.Combine(_folder, "q.db"));
        await _store.GetTableClient(StorageKeys.InboxTable).CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>Runs "test" requests, in the order it records; the one named "first" waits for the test's go-ahead.</summary>
    private sealed class Recorder : IQueuedRequestRunner
    {
        public TaskCompletionSource FirstMayFinish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<string> Ran { get; } = [];
        public string Channel => "test";

        public async Task RunAsync(QueuedRequest request, CancellationToken ct)
        {
            if (request.Body == "first")
            {
                FirstStarted.TrySetResult();
                await FirstMayFinish.Task.WaitAsync(ct);
            }
            lock (Ran) Ran.Add(request.Body);
        }
    }

    private TurnQueue Queue(Recorder recorder) => new([recorder], new TurnInbox(_store, _protector), _clock, NullLogger<TurnQueue>.Instance, workers: 1);

    private static QueuedRequest Request(string body, bool urgent = false) => new("test", "kind", body, DateTimeOffset.UnixEpoch) { Urgent = urgent };

    private async Task<int> InboxRowsAsync() => (await _store.GetTableClient(StorageKeys.InboxTable).QueryAllAsync(TableQuery.AcrossPartitions())).Count;

    [Fact]
    public async Task ARequestIsKeptBeforeItIsTakenAndGoneOnceItRan()
    {
        var recorder = new Recorder();
        var queue = Queue(recorder);
        await queue.StartAsync(default);
        Assert.Equal(QueueAnswer.Accepted, await queue.TryEnqueueAsync(Request("first"), "1", default));
        await recorder.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await InboxRowsAsync()); // kept while it runs, and not as written:
        var row = Assert.Single(await _store.GetTableClient(StorageKeys.InboxTable).QueryAllAsync(TableQuery.AcrossPartitions()));
        Assert.DoesNotContain("first", string.Concat(row.Keys.Select(k => row.GetString(k) ?? "")), StringComparison.Ordinal);

        recorder.FirstMayFinish.SetResult();
        await queue.IdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await InboxRowsAsync());
        await queue.StopAsync(default);
    }

    [Fact]
    public async Task ACrisisWaitingBehindOthersRunsBeforeThem()
    {
        var recorder = new Recorder();
        var queue = Queue(recorder);
        await queue.StartAsync(default);
        await queue.TryEnqueueAsync(Request("first"), "1", default);
        await recorder.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await queue.TryEnqueueAsync(Request("a"), "2", default);
        await queue.TryEnqueueAsync(Request("b"), "3", default);
        await queue.TryEnqueueAsync(Request("crisis", urgent: true), "4", default);

        recorder.FirstMayFinish.SetResult();
        await queue.IdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["first", "crisis", "a", "b"], recorder.Ran);
        await queue.StopAsync(default);
    }

    [Fact]
    public async Task ARedeliveryIsTakenOnce()
    {
        var recorder = new Recorder();
        var queue = Queue(recorder);
        await queue.StartAsync(default);
        Assert.Equal(QueueAnswer.Accepted, await queue.TryEnqueueAsync(Request("first"), "same", default));
        Assert.Equal(QueueAnswer.Duplicate, await queue.TryEnqueueAsync(Request("first"), "same", default));
        recorder.FirstMayFinish.SetResult();
        await queue.IdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["first"], recorder.Ran);
        await queue.StopAsync(default);
    }

    [Fact]
    public async Task WhatAnInstanceLeftIsRunByTheNextOnceItsReservationEnds()
    {
        // The first instance takes two requests and stops (as a crash would) while the first still runs.
        var gone = new Recorder();
        var first = Queue(gone);
        await first.StartAsync(default);
        await first.TryEnqueueAsync(Request("first"), "1", default);
        await first.TryEnqueueAsync(Request("a"), "2", default);
        await gone.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using (var outOfTime = new CancellationTokenSource())
        {
            var stopping = first.StopAsync(outOfTime.Token);
            Assert.Equal(QueueAnswer.Busy, await first.TryEnqueueAsync(Request("too late"), "3", default)); // nothing taken and then dropped
            await outOfTime.CancelAsync();
            await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.Empty(gone.Ran);
        Assert.Equal(2, await InboxRowsAsync());

        // The next instance: nothing yet while the leases last, both once they end; none twice.
        var next = new Recorder();
        next.FirstMayFinish.SetResult();
        var second = Queue(next);
        Assert.Equal(0, await second.RecoverAsync(default));
        _clock.Advance(new QueueSettings().Running + TimeSpan.FromSeconds(1));
        await second.StartAsync(default);
        Assert.True(await second.RecoverAsync(default) >= 0); // the start takes them too; either way each runs once
        await second.IdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["a", "first"], next.Ran.Order());
        Assert.Equal(0, await InboxRowsAsync());
        await second.StopAsync(default);
    }

    [Fact]
    public async Task AStoreErrorWhenLettingATurnGoDoesNotStopTheWorker()
    {
        var recorder = new Recorder();
        recorder.FirstMayFinish.SetResult();
        var flaky = new FailingDeletes(_store) { FailuresLeft = 1 };
        var queue = new TurnQueue([recorder], new TurnInbox(flaky, _protector), _clock, NullLogger<TurnQueue>.Instance, workers: 1);
        await queue.StartAsync(default);

        await queue.TryEnqueueAsync(Request("a"), "1", default);
        await queue.TryEnqueueAsync(Request("b"), "2", default);
        await queue.IdleAsync().WaitAsync(TimeSpan.FromSeconds(10)); // the one worker went on to "b"

        Assert.Equal(["a", "b"], recorder.Ran);
        Assert.Equal(1, await InboxRowsAsync()); // "a" stays until its hold ends; then it runs again (its effects are idempotent)
        await queue.StopAsync(default);
    }

    /// <summary>The embedded store, whose next inbox deletes fail as an unreachable store's would.</summary>
    private sealed class FailingDeletes(ITableStore inner) : ITableStore
    {
        public int FailuresLeft { get; set; }
        public string ProviderName => inner.ProviderName;
        public string Location => inner.Location;
        public Task<StoreHealth> CheckHealthAsync(CancellationToken ct = default) => inner.CheckHealthAsync(ct);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        public ITableClient GetTableClient(string tableName) => new Table(inner.GetTableClient(tableName), this);

        private sealed class Table(ITableClient table, FailingDeletes store) : ITableClient
        {
            public string Name => table.Name;
            public Task CreateIfNotExistsAsync(CancellationToken ct = default) => table.CreateIfNotExistsAsync(ct);
            public Task<TableEntity?> GetEntityAsync(string pk, string rk, CancellationToken ct = default) => table.GetEntityAsync(pk, rk, ct);
            public Task<Azure.ETag> AddEntityAsync(TableEntity entity, CancellationToken ct = default) => table.AddEntityAsync(entity, ct);
            public Task<Azure.ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default) => table.UpsertEntityAsync(entity, mode, ct);
            public Task<Azure.ETag> UpdateEntityAsync(TableEntity entity, Azure.ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default) => table.UpdateEntityAsync(entity, ifMatch, mode, ct);
            public Task<TablePage> QueryPageAsync(TableQuery query, string? token = null, CancellationToken ct = default) => table.QueryPageAsync(query, token, ct);
            public Task<IReadOnlyList<Azure.ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default) => table.SubmitTransactionAsync(actions, ct);

            public Task<bool> DeleteEntityAsync(string pk, string rk, Azure.ETag ifMatch = default, CancellationToken ct = default)
            {
                if (store.FailuresLeft-- <= 0) return table.DeleteEntityAsync(pk, rk, ifMatch, ct);
                throw new TableStoreUnavailableException("simulated outage");
            }
        }
    }

    [Fact]
    public async Task ARequestForAChannelWithNoRunnerIsAProgrammingError() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Queue(new Recorder()).TryEnqueueAsync(new("nowhere", "kind", "", DateTimeOffset.UnixEpoch), "1", default));

    [Theory]
    [InlineData("honestly i just want to kms tonight", null, true)]
    [InlineData("thanks for covering my pager", null, false)]
    [InlineData(null, "support.reach-out#0", true)]   // the crisis card's button, as Slack names it
    [InlineData(null, "support.reach-out", true)]     // and as Teams does
    [InlineData(null, "kudos.withdraw#1", false)]
    public void CrisisWordsAndTheCrisisButtonGoFirst(string? text, string? actionId, bool urgent) =>
        Assert.Equal(urgent, new TurnUrgency(WellnessBot.Dialogs.Safety.SafetyNet.Standard).IsUrgent(text, actionId));
}
