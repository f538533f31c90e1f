using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Outbox;

/// <summary>
/// Private messages sent outside a turn's own replies (notes to colleagues, support offers and escalations, the
/// coordinators' digest copies) go through here. Each is named by its sender with a key ("this kudos, this
/// recipient"); it is written down before it is sent, tried at once, and if the channel fails it is tried again with back-off, across restarts and by any
/// instance, until it goes or <see cref="OutboxSettings.MaxAttempts"/> is reached. Asked for again with the same key
/// (a turn run again after a crash), it is not sent again.
/// <para>
/// Once means once unless an instance dies in the instant between a channel taking the message and the record that
/// it did: neither Teams nor Slack can be asked whether a message arrived, so that one is sent again. A note twice
/// is better than a note never.
/// </para>
/// </summary>
public sealed partial class Outbox(ITableStore store, Support.DetailsProtector protector, IProactiveMessenger messenger,
    OutboxSettings settings, TimeProvider clock, ILogger<Outbox> logger)
{
    private readonly OutboxRows _rows = new(store, protector);

    /// <summary>Letters this instance is sending now: its own sweep never sends one again because a slow send outlasted its hold.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _sending = new(StringComparer.Ordinal);

    /// <summary>A private message to a person; <see cref="Delivery.Later"/> when the channel failed and it will be tried again.</summary>
    public Task<Delivery> ToUserAsync(string onceKey, UserRef user, BotMessage message, CancellationToken ct) =>
        SendOnceAsync(onceKey, new OutboxLetter(user, message), ct);

    /// <summary>
    /// The same, from a turn the inbox runs again if this instance dies: the turn itself is the record that the message
    /// is owed, so it is written to the outbox only if the channel fails now (one write saved per message on the way).
    /// <paramref name="firstAsked"/>: what the message is about was made by this very turn (a kudos just saved), so it
    /// cannot have been sent or tried before, and nothing is looked up first.
    /// </summary>
    public async Task<Delivery> ToUserFromTurnAsync(string onceKey, UserRef user, BotMessage message, bool firstAsked, CancellationToken ct)
    {
        if (!firstAsked && await _rows.SentAsync(onceKey, ct).ConfigureAwait(false) is { } earlier) return earlier;
        if (!firstAsked && await _rows.WaitingAsync(onceKey, ct).ConfigureAwait(false) is not null)
            return await ToUserAsync(onceKey, user, message, ct).ConfigureAwait(false); // tried before and failed: the outbox has it
        bool delivered;
        try
        {
            delivered = await messenger.SendToUserAsync(user, message, ct).ConfigureAwait(false) is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await _rows.AddAsync(onceKey, new OutboxLetter(user, message), clock.GetUtcNow() + Postponed(1, ex), ct).ConfigureAwait(false);
            return Delivery.Later;
        }
        var outcome = delivered ? Delivery.Sent : Delivery.Unreachable;
        BotMetrics.OutboxSend(outcome.ToString().ToLowerInvariant());
        await _rows.RecordSentAsync(onceKey, outcome.ToString(), clock.GetUtcNow(), ct).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// Sends now or not at all: for messages whose sender moves on when they do not arrive (an offer goes to the next
    /// supporter, an escalation is tried again on its own timer), so a letter must not turn up later. Only a message
    /// that went is recorded; asked again with the same key after that, it is not sent again (and where it landed is
    /// then not known: null).
    /// </summary>
    public async Task<(Delivery Delivery, SentMessage? Where)> NowOrNotAsync(string onceKey, UserRef user, BotMessage message, CancellationToken ct)
    {
        if (await _rows.SentAsync(onceKey, ct).ConfigureAwait(false) == Delivery.Sent) return (Delivery.Sent, null);
        SentMessage? where;
        try
        {
            where = await messenger.SendToUserAsync(user, message, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogNotNow(logger, ex.GetType().Name);
            BotMetrics.OutboxSend("not_now");
            return (Delivery.Later, null);
        }
        if (where is null)
        {
            BotMetrics.OutboxSend("unreachable");
            return (Delivery.Unreachable, null);
        }
        BotMetrics.OutboxSend("sent");
        await _rows.RecordSentAsync(onceKey, nameof(Delivery.Sent), clock.GetUtcNow(), ct).ConfigureAwait(false);
        return (Delivery.Sent, where);
    }

    private async Task<Delivery> SendOnceAsync(string onceKey, OutboxLetter letter, CancellationToken ct)
    {
        if (await _rows.SentAsync(onceKey, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var now = clock.GetUtcNow();
        var waiting = await _rows.AddAsync(onceKey, letter, now + settings.Hold, ct).ConfigureAwait(false);
        if (waiting is null)
        {
            // Asked for before: by a run of this turn that died (its hold over: ours now), or one still sending it.
            var existing = await _rows.WaitingAsync(onceKey, ct).ConfigureAwait(false);
            if (existing is null) return await _rows.SentAsync(onceKey, ct).ConfigureAwait(false) ?? Delivery.Later;
            if (existing.DueAt > now) return Delivery.Later;
            waiting = await _rows.TryHoldAsync(existing, now + settings.Hold, attempt: true, ct).ConfigureAwait(false);
            if (waiting is null) return Delivery.Later;
        }
        return await AttemptAsync(waiting, ct).ConfigureAwait(false);
    }

    /// <summary>Tries the letters whose wait is over: every instance does, every <see cref="OutboxSettings.LookEverySeconds"/>; ETags let one have each.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var tried = 0;
        var due = await _rows.DueAsync(clock.GetUtcNow(), max: 200, ct).ConfigureAwait(false);
        BotMetrics.OutboxDue(due.Count);
        foreach (var letter in due)
        {
            if (_sending.ContainsKey(letter.WaitingRow)) continue;
            var held = await _rows.TryHoldAsync(letter, clock.GetUtcNow() + settings.Hold, attempt: true, ct).ConfigureAwait(false);
            if (held is null) continue;
            await AttemptAsync(held, ct).ConfigureAwait(false);
            tried++;
        }
        return tried;
    }

    /// <summary>Forgets the records of letters sent more than <see cref="OutboxSettings.KeepSentDays"/> ago.</summary>
    public Task<int> ForgetOldAsync(CancellationToken ct) => _rows.ForgetSentAsync(clock.GetUtcNow().AddDays(-settings.KeepSentDays), ct);

    private async Task<Delivery> AttemptAsync(WaitingLetter waiting, CancellationToken ct)
    {
        if (!_sending.TryAdd(waiting.WaitingRow, 0)) return Delivery.Later;
        try
        {
            return await SendAsync(waiting, ct).ConfigureAwait(false);
        }
        finally
        {
            _sending.TryRemove(waiting.WaitingRow, out _);
        }
    }

    private async Task<Delivery> SendAsync(WaitingLetter waiting, CancellationToken ct)
    {
        if (waiting.Letter is not { } letter)
        {
            LogUnreadable(logger);
            return await FinishAsync(waiting, Delivery.Unreachable, "Unreadable", ct).ConfigureAwait(false);
        }
        Delivery result;
        try
        {
            result = await messenger.SendToUserAsync(letter.To, letter.Message, ct).ConfigureAwait(false) is not null ? Delivery.Sent : Delivery.Unreachable;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return await PostponeAsync(waiting, ex, ct).ConfigureAwait(false);
        }
        return await FinishAsync(waiting, result, result.ToString(), ct).ConfigureAwait(false);
    }

    /// <summary>The channel failed (down, throttled, a timeout): the letter waits its back-off, or is given up on after its last try.</summary>
    private async Task<Delivery> PostponeAsync(WaitingLetter waiting, Exception failure, CancellationToken ct)
    {
        if (waiting.Attempts >= settings.MaxAttempts)
        {
            LogGaveUp(logger, waiting.Attempts, failure.GetType().Name);
            return await FinishAsync(waiting, Delivery.Unreachable, "GaveUp", ct).ConfigureAwait(false);
        }
        await _rows.TryHoldAsync(waiting, clock.GetUtcNow() + Postponed(waiting.Attempts, failure), attempt: false, ct).ConfigureAwait(false);
        return Delivery.Later;
    }

    /// <summary>How long a letter waits after its <paramref name="attempts"/>th failed try, said in the log and the metrics.</summary>
    private TimeSpan Postponed(int attempts, Exception failure)
    {
        var wait = OutboxSettings.BackOff(attempts, Random.Shared.NextDouble());
        LogPostponed(logger, attempts, failure.GetType().Name, (int)wait.TotalSeconds);
        BotMetrics.OutboxSend("postponed");
        return wait;
    }

    /// <summary>
    /// Records how it went. The message has gone whatever the store says now: a failure to record it is logged, not
    /// thrown (the turn is not run again for it); the letter is then sent once more when its hold ends.
    /// </summary>
    private async Task<Delivery> FinishAsync(WaitingLetter waiting, Delivery result, string outcome, CancellationToken ct)
    {
        BotMetrics.OutboxSend(outcome.ToLowerInvariant());
        try
        {
            await _rows.FinishAsync(waiting, outcome, clock.GetUtcNow(), ct).ConfigureAwait(false);
        }
        catch (TableStoreException ex) when (ex.ErrorCode == "ResourceNotFound")
        {
            // Another instance finished it first (this one's hold had ended): its record stands.
        }
        catch (TableStoreException ex)
        {
            LogNotRecorded(logger, ex.ErrorCode);
        }
        return result;
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Outbox: try {Attempts} failed ({Exception}); trying again in {Seconds} s")]
    private static partial void LogPostponed(ILogger logger, int attempts, string exception, int seconds);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Error, Message = "Outbox: a message was given up on after {Attempts} tries (last: {Exception})")]
    private static partial void LogGaveUp(ILogger logger, int attempts, string exception);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning, Message = "Outbox: a message was sent but the store did not record it ({ErrorCode}); it may be sent once more")]
    private static partial void LogNotRecorded(ILogger logger, string errorCode);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Warning, Message = "Outbox: a message that must go now or not at all failed ({Exception}); its sender moves on")]
    private static partial void LogNotNow(ILogger logger, string exception);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Error, Message = "Outbox: a waiting message could not be read (its key is gone, or it was altered); it is not sent")]
    private static partial void LogUnreadable(ILogger logger);
}
