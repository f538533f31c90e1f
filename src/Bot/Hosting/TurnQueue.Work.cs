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
            catch (Exception ex)
            {
                // Whatever went wrong with this one (the store down when letting it go), the worker goes on.
                LogFailed(logger, item.Request.Channel, ex.GetType().Name, DetailOf(ex));
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
        // Taken here moments ago (most turns): its reservation covers the start. Found in the inbox, or waited long: lease it.
        var leased = item.Attempts == 0 && item.LeaseUntil - clock.GetUtcNow() > _settings.Reserved / 2 ? item
            : await inbox.TryLeaseAsync(item, clock.GetUtcNow() + _settings.Running, _abort.Token).ConfigureAwait(false);
        if (leased is null) return; // another instance took it (or it is done)
        if (leased.Attempts > MaxAttempts)
        {
            LogGaveUp(logger, channel, leased.Attempts - 1);
            await inbox.CompleteAsync(leased, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        var run = _runners[channel].RunAsync(leased.Request, _abort.Token);
        try
        {
            await KeepHoldingAsync(leased, run).ConfigureAwait(false);
            await run.ConfigureAwait(false);
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

    /// <summary>While a turn runs past half its hold, the hold is renewed, so no other instance takes it meanwhile.</summary>
    private async Task KeepHoldingAsync(InboxItem held, Task run)
    {
        while (!run.IsCompleted)
        {
            var renewIn = (held.LeaseUntil - clock.GetUtcNow()) / 2;
            if (renewIn > TimeSpan.Zero && await Task.WhenAny(run, Task.Delay(renewIn, clock)).ConfigureAwait(false) == run) return;
            try
            {
                if (await inbox.TryRenewAsync(held, clock.GetUtcNow() + _settings.Running, CancellationToken.None).ConfigureAwait(false) is not { } renewed)
                {
                    LogLostHold(logger, held.Request.Channel); // changed elsewhere: it may run twice; its effects are idempotent where they can be
                    return;
                }
                held = renewed;
            }
            catch (Exception ex) when (ex is WellnessBot.Storage.TableStoreException)
            {
                LogFailed(logger, held.Request.Channel, ex.GetType().Name, DetailOf(ex)); // tried again at the next half
                await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(1), clock)).ConfigureAwait(false);
            }
        }
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

    [LoggerMessage(EventId = 7206, Level = LogLevel.Warning, Message = "A long {Channel} turn's hold could not be renewed: another instance may run it too")]
    private static partial void LogLostHold(ILogger logger, string channel);

    [LoggerMessage(EventId = 7205, Level = LogLevel.Error, Message = "A {Channel} request was started {Attempts} times and never finished: dropped")]
    private static partial void LogGaveUp(ILogger logger, string channel, int attempts);
}
