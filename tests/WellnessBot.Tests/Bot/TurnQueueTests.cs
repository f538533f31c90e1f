using Microsoft.Extensions.Logging.Abstractions;
using WellnessBot.Bot.Hosting;

namespace WellnessBot.Tests.Bot;

/// <summary>The queue both edges hand verified requests to: crisis first, nothing lost on a clean shutdown, a limit when full.</summary>
public sealed class TurnQueueTests
{
    /// <summary>Runs "test" requests, in the order it records; the first one waits for the test's go-ahead.</summary>
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

    private static QueuedRequest Request(string body, bool urgent = false) => new("test", "kind", body, DateTimeOffset.UnixEpoch) { Urgent = urgent };

    [Fact]
    public async Task ACrisisWaitingBehindOthersRunsBeforeThem()
    {
        var recorder = new Recorder();
        var queue = new TurnQueue([recorder], NullLogger<TurnQueue>.Instance, workers: 1);
        await queue.StartAsync(default);
        Assert.True(queue.TryEnqueue(Request("first")));
        await recorder.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(queue.TryEnqueue(Request("a")));
        Assert.True(queue.TryEnqueue(Request("b")));
        Assert.True(queue.TryEnqueue(Request("crisis", urgent: true)));

        recorder.FirstMayFinish.SetResult();
        await queue.IdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["first", "crisis", "a", "b"], recorder.Ran);
        await queue.StopAsync(default);
    }

    [Fact]
    public async Task StoppingFinishesWhatIsQueuedAndTakesNothingNew()
    {
        var recorder = new Recorder();
        var queue = new TurnQueue([recorder], NullLogger<TurnQueue>.Instance, workers: 1);
        await queue.StartAsync(default);
        queue.TryEnqueue(Request("first"));
        queue.TryEnqueue(Request("a"));
        await recorder.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = queue.StopAsync(CancellationToken.None);
        Assert.False(queue.TryEnqueue(Request("too late"))); // the edge answers "try again": nothing is taken and then dropped
        recorder.FirstMayFinish.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["first", "a"], recorder.Ran);
    }

    [Fact]
    public async Task WhenShutdownTimeRunsOutWhatIsRunningIsCancelled()
    {
        var recorder = new Recorder();
        var queue = new TurnQueue([recorder], NullLogger<TurnQueue>.Instance, workers: 1);
        await queue.StartAsync(default);
        queue.TryEnqueue(Request("first"));
        await recorder.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        using var outOfTime = new CancellationTokenSource();
        var stopping = queue.StopAsync(outOfTime.Token);
        await outOfTime.CancelAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10)); // ends: the waiting turn was cancelled, not awaited for ever

        Assert.Empty(recorder.Ran);
    }

    [Fact]
    public void ARequestForAChannelWithNoRunnerIsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => new TurnQueue([new Recorder()], NullLogger<TurnQueue>.Instance).TryEnqueue(new("nowhere", "kind", "", DateTimeOffset.UnixEpoch)));

    [Theory]
    [InlineData("honestly i just want to kms tonight", null, true)]
    [InlineData("thanks for covering my pager", null, false)]
    [InlineData(null, "support.reach-out#0", true)]   // the crisis card's button, as Slack names it
    [InlineData(null, "support.reach-out", true)]     // and as Teams does
    [InlineData(null, "kudos.withdraw#1", false)]
    public void CrisisWordsAndTheCrisisButtonGoFirst(string? text, string? actionId, bool urgent) =>
        Assert.Equal(urgent, new TurnUrgency(WellnessBot.Dialogs.Safety.SafetyNet.Standard).IsUrgent(text, actionId));
}
