using System.Threading.Channels;
using WellnessBot.Bot.Slack;
using WellnessBot.Bot.Teams;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// Where both edges hand a verified request once they have answered the channel: Slack wants an answer within
/// 3 seconds and Teams within 15, every time, however slow the store or the connector. The seam a durable queue
/// replaces: an edge only ever calls <see cref="TryEnqueue"/>.
/// </summary>
internal interface ITurnQueue
{
    /// <summary>False when the queue is full: the edge tells the person to try again, and nothing was started.</summary>
    bool TryEnqueue(string channel, Func<CancellationToken, Task> turn);

    /// <summary>Completes when nothing is queued or running (tests and benchmarks wait on it).</summary>
    Task IdleAsync();
}

/// <summary>
/// The in-memory turn queue: a bounded channel worked by a few turns at a time. Failures are logged by type only
/// (a turn may hold support details); a turn lost to a crash is lost, which a durable queue will end.
/// </summary>
internal sealed partial class TurnQueue(ILogger<TurnQueue> logger) : BackgroundService, ITurnQueue
{
    private const int Workers = 8;
    private readonly Channel<(string Channel, Func<CancellationToken, Task> Turn)> _work = Channel.CreateBounded<(string, Func<CancellationToken, Task>)>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    private int _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public bool TryEnqueue(string channel, Func<CancellationToken, Task> turn)
    {
        if (Interlocked.Increment(ref _pending) == 1) Interlocked.Exchange(ref _idle, NewIdle(completed: false));
        if (_work.Writer.TryWrite((channel, turn))) return true;
        Done();
        return false;
    }

    public Task IdleAsync() => Volatile.Read(ref _idle).Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => RunAsync(stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var (channel, turn) in _work.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await turn(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var detail = ex switch { SlackApiException slack => slack.Error, ConnectorException connector => connector.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "" };
                LogFailed(logger, channel, ex.GetType().Name, detail);
                WellnessBot.Dialogs.BotMetrics.Error(channel);
            }
            finally
            {
                Done();
            }
        }
    }

    private void Done()
    {
        if (Interlocked.Decrement(ref _pending) == 0) Volatile.Read(ref _idle).TrySetResult();
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) tcs.SetResult();
        return tcs;
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Error, Message = "A {Channel} turn failed in the background ({Exception} {Detail})")]
    private static partial void LogFailed(ILogger logger, string channel, string exception, string detail);
}
