using System.Threading.Channels;
using WellnessBot.Bot.Slack;
using WellnessBot.Bot.Teams;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// A verified request waiting for its turn, as data only (what a durable queue would store): the channel, what kind
/// of request it is, its body as received, and when it was received, so a turn run later keeps its time.
/// </summary>
internal sealed record QueuedRequest(string Channel, string Kind, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// Where both edges hand a verified request once they have answered the channel: Slack wants an answer within
/// 3 seconds and Teams within 15, every time, however slow the store or the connector. The seam a durable queue
/// replaces: an edge only ever calls <see cref="TryEnqueue"/>, and only data goes in.
/// </summary>
internal interface ITurnQueue
{
    /// <summary>False when the queue is full: the edge tells the channel to try again, and nothing was started.</summary>
    bool TryEnqueue(QueuedRequest request);

    /// <summary>Completes when nothing is queued or running (tests and benchmarks wait on it).</summary>
    Task IdleAsync();
}

/// <summary>Runs a channel's queued requests: maps each to its turn and hands it to the turn handler.</summary>
internal interface IQueuedRequestRunner
{
    string Channel { get; }

    Task RunAsync(QueuedRequest request, CancellationToken ct);
}

/// <summary>
/// The in-memory turn queue: a bounded channel worked by a few turns at a time. Failures are logged by type only
/// (a turn may hold support details); a turn lost to a crash is lost, which a durable queue will end.
/// </summary>
internal sealed partial class TurnQueue(IEnumerable<IQueuedRequestRunner> runners, ILogger<TurnQueue> logger) : BackgroundService, ITurnQueue
{
    private const int Workers = 8;
    private readonly Channel<QueuedRequest> _work = Channel.CreateBounded<QueuedRequest>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    private readonly Dictionary<string, IQueuedRequestRunner> _runners = runners.ToDictionary(r => r.Channel, StringComparer.Ordinal);
    private int _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public bool TryEnqueue(QueuedRequest request)
    {
        if (!_runners.ContainsKey(request.Channel)) throw new ArgumentException($"No runner for channel '{request.Channel}'.", nameof(request));
        if (Interlocked.Increment(ref _pending) == 1) Interlocked.Exchange(ref _idle, NewIdle(completed: false));
        if (_work.Writer.TryWrite(request)) return true;
        Done();
        return false;
    }

    public Task IdleAsync() => Volatile.Read(ref _idle).Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => RunAsync(stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _work.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            var channel = request.Channel;
            try
            {
                await _runners[channel].RunAsync(request, stoppingToken).ConfigureAwait(false);
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
