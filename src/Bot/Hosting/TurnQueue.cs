using System.Threading.Channels;
using WellnessBot.Bot.Slack;
using WellnessBot.Bot.Teams;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// The turn queue both edges hand requests to, kept in the <see cref="TurnInbox"/>: a request is written before the
/// edge answers, so nothing acknowledged lives only in memory. This instance runs what it took, a few turns at a
/// time, crisis wording (and the crisis card's button) first; each turn is leased before it runs (ETag-checked, so
/// one instance runs it) and deleted after. What an instance took and never finished (it died, or shut down with
/// work waiting) is found once its lease ends and run by whichever instance takes it. Failures are logged by type
/// only (a turn may hold support details).
/// </summary>
internal sealed partial class TurnQueue(
    IEnumerable<IQueuedRequestRunner> runners,
    TurnInbox inbox,
    TimeProvider clock,
    ILogger<TurnQueue> logger,
    QueueSettings? settings = null,
    int workers = 8) : IHostedService, ITurnQueue
{
    /// <summary>How long an edge waits for the inbox write before it answers "busy" (Slack's limit is 3 seconds).</summary>
    public static readonly TimeSpan KeepWithin = TimeSpan.FromSeconds(2);

    /// <summary>A request that has been started this often and never finished is dropped (logged): it is what stops its instance.</summary>
    public const int MaxAttempts = 3;

    private readonly QueueSettings _settings = settings ?? new QueueSettings();
    private readonly Channel<InboxItem> _urgent = Channel.CreateUnbounded<InboxItem>();
    private readonly Channel<InboxItem> _normal = Channel.CreateUnbounded<InboxItem>();
    private readonly Dictionary<string, IQueuedRequestRunner> _runners = runners.ToDictionary(r => r.Channel, StringComparer.Ordinal);
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _gate = new();
    private int _pending;
    private bool _closed;
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private Task _workers = Task.CompletedTask;
    private Task _recovery = Task.CompletedTask;

    public async Task<QueueAnswer> TryEnqueueAsync(QueuedRequest request, string requestId, CancellationToken ct)
    {
        if (!_runners.ContainsKey(request.Channel)) throw new ArgumentException($"No runner for channel '{request.Channel}'.", nameof(request));
        if (!TryReserve()) return QueueAnswer.Busy;
        InboxItem? item;
        // Answered in the channel's time or not at all: a store that does not answer soon is as good as down.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(KeepWithin);
        try
        {
            item = await inbox.AddAsync(request, requestId, clock.GetUtcNow() + _settings.Reserved, bounded.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TableStoreException || ex is OperationCanceledException && bounded.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            Done();
            LogNotKept(logger, request.Channel, (ex as TableStoreException)?.ErrorCode ?? "timeout"); // nothing is acknowledged that is not kept: the edge says "busy"
            return QueueAnswer.Busy;
        }
        catch
        {
            Done();
            throw;
        }
        if (item is null)
        {
            Done();
            return QueueAnswer.Duplicate;
        }
        Hold(item);
        return QueueAnswer.Accepted;
    }

    public Task IdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync, CancellationToken.None)));
        _recovery = Task.Run(RecoverForeverAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Takes nothing new and finishes the turns already running; what is waiting stays in the inbox for the next
    /// instance. What still runs when the host's shutdown time is up is cut short, and resumed elsewhere.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate) _closed = true;
        await _closing.CancelAsync().ConfigureAwait(false);
        _urgent.Writer.TryComplete();
        _normal.Writer.TryComplete();
        await using (cancellationToken.Register(_abort.Cancel).ConfigureAwait(false))
            await Task.WhenAll(_workers, _recovery).ConfigureAwait(false);
    }

    /// <summary>Finds requests whose instance is gone and takes them (also at start, for what this instance left last time).</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var taken = 0;
        foreach (var lapsed in await inbox.LapsedAsync(clock.GetUtcNow(), Math.Max(1, workers * 4), ct).ConfigureAwait(false))
        {
            if (!TryReserve()) break;
            Hold(lapsed);
            taken++;
        }
        if (taken > 0) LogRecovered(logger, taken);
        return taken;
    }

    private async Task RecoverForeverAsync()
    {
        using var timer = new PeriodicTimer(_settings.LookEvery, clock);
        do
        {
            try
            {
                // Only when this instance has room: a busy one leaves lapsed work to others.
                if (Volatile.Read(ref _pending) < workers) await RecoverAsync(_closing.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, "inbox", ex.GetType().Name, DetailOf(ex)); // looked at again at the next tick
            }
        }
        while (await WaitAsync(timer).ConfigureAwait(false));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private bool TryReserve()
    {
        lock (_gate)
        {
            if (_closed || _pending >= _settings.Capacity) return false;
            if (_pending++ == 0) _idle = NewIdle(completed: false);
            return true;
        }
    }

    /// <summary>Into the workers' hands; when they are gone (shutting down), it stays in the inbox for the next instance.</summary>
    private void Hold(InboxItem item)
    {
        if (!(item.Request.Urgent ? _urgent : _normal).Writer.TryWrite(item)) Done();
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

    private static string DetailOf(Exception ex) => ex switch
    {
        SlackApiException slack => slack.Error,
        ConnectorException connector => connector.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TableStoreException store => store.ErrorCode,
        _ => "",
    };
}
