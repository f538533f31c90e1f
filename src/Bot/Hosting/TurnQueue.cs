using System.Threading.Channels;
using WellnessBot.Bot.Slack;
using WellnessBot.Bot.Teams;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// A verified request waiting for its turn, as data only (what a durable queue would store): the channel, what kind
/// of request it is, its body as received, and when it was received, so a turn run later keeps its time.
/// </summary>
internal sealed record QueuedRequest(string Channel, string Kind, string Body, DateTimeOffset ReceivedAt)
{
    /// <summary>Crisis wording, or the crisis card's button: worked before everything else waiting.</summary>
    public bool Urgent { get; init; }
}

/// <summary>
/// Whether a request goes first: the safety net's reading of its words (the same check the turn makes, microseconds),
/// or the crisis card's one-tap "reach out to me now" button.
/// </summary>
internal sealed class TurnUrgency(WellnessBot.Dialogs.Safety.SafetyNet safety)
{
    public bool IsUrgent(string? text, string? actionId) =>
        actionId is not null && actionId.StartsWith(WellnessBot.Dialogs.Features.SupportDialog.ReachOutNowAction, StringComparison.Ordinal)
        || safety.Check(text) == WellnessBot.Dialogs.Safety.SafetySignal.Crisis;
}

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
/// The in-memory turn queue, worked by a few turns at a time. Crisis wording (and the crisis card's one-tap button)
/// goes first: its reply must not wait behind a throttled connector's backlog. On shutdown it takes nothing new and
/// finishes what it holds, until the host's shutdown time runs out; a crash loses what is queued, which a durable
/// queue will end. Failures are logged by type only (a turn may hold support details).
/// </summary>
internal sealed partial class TurnQueue(IEnumerable<IQueuedRequestRunner> runners, ILogger<TurnQueue> logger, int workers = 8) : IHostedService, ITurnQueue
{
    private const int Capacity = 10_000;
    private readonly Channel<QueuedRequest> _urgent = Channel.CreateUnbounded<QueuedRequest>();
    private readonly Channel<QueuedRequest> _normal = Channel.CreateUnbounded<QueuedRequest>();
    private readonly Dictionary<string, IQueuedRequestRunner> _runners = runners.ToDictionary(r => r.Channel, StringComparer.Ordinal);
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _gate = new();
    private int _pending;
    private bool _closed;
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private Task _workers = Task.CompletedTask;

    public bool TryEnqueue(QueuedRequest request)
    {
        if (!_runners.ContainsKey(request.Channel)) throw new ArgumentException($"No runner for channel '{request.Channel}'.", nameof(request));
        lock (_gate)
        {
            if (_closed || _pending >= Capacity) return false;
            if (_pending++ == 0) _idle = NewIdle(completed: false);
        }
        (request.Urgent ? _urgent : _normal).Writer.TryWrite(request);
        return true;
    }

    public Task IdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync, CancellationToken.None)));
        return Task.CompletedTask;
    }

    /// <summary>Takes nothing new, and finishes what is queued or running; what is still running when time is up is cancelled.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate) _closed = true;
        _urgent.Writer.TryComplete();
        _normal.Writer.TryComplete();
        await using (cancellationToken.Register(_abort.Cancel).ConfigureAwait(false))
            await _workers.ConfigureAwait(false);
    }

    private async Task WorkAsync()
    {
        while (await NextAsync().ConfigureAwait(false) is { } request)
        {
            try
            {
                await _runners[request.Channel].RunAsync(request, _abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                LogCutShort(logger, request.Channel); // the host's shutdown time ran out while it ran
            }
            catch (Exception ex)
            {
                var detail = ex switch { SlackApiException slack => slack.Error, ConnectorException connector => connector.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "" };
                LogFailed(logger, request.Channel, ex.GetType().Name, detail);
                WellnessBot.Dialogs.BotMetrics.Error(request.Channel);
            }
            finally
            {
                Done();
            }
        }
    }

    /// <summary>The next request, urgent ones first; null once the queue is closed and empty, or out of time.</summary>
    private async Task<QueuedRequest?> NextAsync()
    {
        try
        {
            while (true)
            {
                if (_urgent.Reader.TryRead(out var urgent)) return urgent;
                if (_normal.Reader.TryRead(out var normal)) return normal;
                if (_urgent.Reader.Completion.IsCompleted && _normal.Reader.Completion.IsCompleted) return null;
                if (_urgent.Reader.Completion.IsCompleted) await _normal.Reader.WaitToReadAsync(_abort.Token).ConfigureAwait(false);
                else await Task.WhenAny(_urgent.Reader.WaitToReadAsync(_abort.Token).AsTask(), _normal.Reader.WaitToReadAsync(_abort.Token).AsTask()).ConfigureAwait(false);
                _abort.Token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void Done()
    {
        lock (_gate)
            if (--_pending == 0) _idle.TrySetResult();
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) tcs.SetResult();
        return tcs;
    }

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "A {Channel} turn was cut short: the host's shutdown time ran out")]
    private static partial void LogCutShort(ILogger logger, string channel);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Error, Message = "A {Channel} turn failed in the background ({Exception} {Detail})")]
    private static partial void LogFailed(ILogger logger, string channel, string exception, string detail);
}
