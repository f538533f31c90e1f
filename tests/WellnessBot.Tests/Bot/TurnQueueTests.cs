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

    private TurnQueue Queue(Recorder recorder) => new([recorder], new TurnInbox(_store), _clock, NullLogger<TurnQueue>.Instance, workers: 1);

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
        Assert.Equal(1, await InboxRowsAsync()); // kept while it runs

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
