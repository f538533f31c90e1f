namespace WellnessBot.Bot.Hosting;

/// <summary>The queue's workers: take the next request (urgent first), lease it, run it, and let it go.</summary>
internal sealed partial class TurnQueue
{
    private async Task WorkAsync()
    {
        while (await NextAsync().ConfigureAwait(false) is { } item)
        {
            try
            {
                await RunOneAsync(item).ConfigureAwait(false);
            }
            finally
            {
                Done();
            }
        }
    }

    private async Task RunOneAsync(InboxItem item)
    {
        var channel = item.Request.Channel;
        InboxItem? leased;
        try
        {
            // Taken here moments ago (most turns): its reservation covers the run. Found in the inbox, or waited long: lease it.
            leased = item.Attempts == 0 && item.LeaseUntil - clock.GetUtcNow() > _settings.Reserved / 2 ? item
                : await inbox.TryLeaseAsync(item, clock.GetUtcNow() + _settings.Running, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abort.IsCancellationRequested)
        {
            LogFailed(logger, channel, ex.GetType().Name, DetailOf(ex)); // still in the inbox: found again once its reservation ends
            return;
        }
        if (leased is null) return; // another instance took it (or it is done)
        if (leased.Attempts > MaxAttempts)
        {
            LogGaveUp(logger, channel, leased.Attempts - 1);
            await inbox.CompleteAsync(leased, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        try
        {
            await _runners[channel].RunAsync(leased.Request, _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            LogCutShort(logger, channel); // out of shutdown time: left in the inbox, resumed elsewhere
            return;
        }
        catch (Exception ex)
        {
            // Ran and failed: it is not tried again (a retry could repeat what it did before failing).
            LogFailed(logger, channel, ex.GetType().Name, DetailOf(ex));
            WellnessBot.Dialogs.BotMetrics.Error(channel);
        }
        await inbox.CompleteAsync(leased, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The next request, urgent ones first; null once the queue is closed, or out of time.</summary>
    private async Task<InboxItem?> NextAsync()
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                if (_urgent.Reader.TryRead(out var urgent)) return urgent;
                if (_normal.Reader.TryRead(out var normal)) return normal;
                await Task.WhenAny(_urgent.Reader.WaitToReadAsync(_closing.Token).AsTask(), _normal.Reader.WaitToReadAsync(_closing.Token).AsTask()).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        // Closing: what is still waiting stays in the inbox, for the next instance.
        while (_urgent.Reader.TryRead(out _) || _normal.Reader.TryRead(out _)) Done();
        return null;
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Error, Message = "A {Channel} turn failed in the background ({Exception} {Detail})")]
    private static partial void LogFailed(ILogger logger, string channel, string exception, string detail);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "A {Channel} turn was cut short: the host's shutdown time ran out; it stays in the inbox")]
    private static partial void LogCutShort(ILogger logger, string channel);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "A request could not be kept in the inbox ({Channel}, {ErrorCode}): answered busy")]
    private static partial void LogNotKept(ILogger logger, string channel, string errorCode);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Information, Message = "Took {Count} request(s) from the inbox whose instance is gone")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 7205, Level = LogLevel.Error, Message = "A {Channel} request was started {Attempts} times and never finished: dropped")]
    private static partial void LogGaveUp(ILogger logger, string channel, int attempts);
}
