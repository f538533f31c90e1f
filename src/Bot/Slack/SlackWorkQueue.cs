using System.Threading.Channels;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// Slack wants an answer within 3 seconds, every time: requests are acknowledged at once and their turns run here,
/// in the background, a few at a time. Failures are logged by type only (a turn may hold support details).
/// </summary>
public sealed partial class SlackWorkQueue(ILogger<SlackWorkQueue> logger) : BackgroundService
{
    private const int Workers = 8;
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    private int _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public bool TryEnqueue(Func<CancellationToken, Task> work)
    {
        if (Interlocked.Increment(ref _pending) == 1) Interlocked.Exchange(ref _idle, NewIdle(completed: false));
        if (_work.Writer.TryWrite(work)) return true;
        Done();
        return false;
    }

    /// <summary>Completes when no work is queued or running (tests wait on it).</summary>
    public Task IdleAsync() => Volatile.Read(ref _idle).Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => RunAsync(stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await work(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name, (ex as SlackApiException)?.Error ?? "");
                WellnessBot.Dialogs.BotMetrics.Error("slack");
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

    [LoggerMessage(EventId = 7201, Level = LogLevel.Error, Message = "A Slack turn failed in the background ({Exception} {SlackError})")]
    private static partial void LogFailed(ILogger logger, string exception, string slackError);
}
