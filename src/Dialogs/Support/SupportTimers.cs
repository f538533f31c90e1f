using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>What a request's timer does when it falls due: the next offer, a check-in, a purge.</summary>
public sealed class SupportTimers(
    SupportRequests requests,
    SupportRouting routing,
    CardRedaction redaction,
    Outbox.Outbox outbox,
    ProgramSettings program,
    SupportSettings settings,
    TimeProvider clock,
    ILogger<SupportTimers> logger)
{
    /// <summary>Requests this instance found it cannot read: reported once, then skipped quietly at every sweep.</summary>
    private readonly ConcurrentDictionary<string, byte> _unreadable = new(StringComparer.Ordinal);

    /// <summary>Whether this instance has resealed requests stored before identities were encrypted (once per start).</summary>
    private bool _resealed;

    /// <summary>
    /// Handles every timer that is due. Safe to run on several instances at once: each change is ETag-checked and
    /// only the winner acts.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        if (!_resealed && await requests.ResealPlainAsync(ct).ConfigureAwait(false) is var resealed)
        {
            _resealed = true;
            if (resealed > 0) logger.RequestsResealed(resealed);
        }
        var now = clock.GetUtcNow();
        var handled = 0;
        var all = await requests.AllAsync(ct).ConfigureAwait(false);
        BotMetrics.SupportTimes(SupportFigures.For(program.ThisMonth(clock), all, program.Zone));
        var open = all.Where(r => r.IsOpen).ToList();
        var waiting = open.Where(r => r.Status is SupportStatus.New or SupportStatus.Offered).Select(r => now - r.CreatedAt).DefaultIfEmpty(TimeSpan.Zero).Max();
        BotMetrics.SupportBacklog(open.Count, waiting);
        foreach (var (dueAt, id) in await requests.DueAsync(now, ct).ConfigureAwait(false))
        {
            SupportRequest? request;
            try
            {
                request = await requests.GetAsync(id, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException or System.Text.Json.JsonException)
            {
                await ReportUnreadableAsync(id, ct).ConfigureAwait(false); // one unreadable request never stops the others
                continue;
            }
            if (request is null || request.DueAt != dueAt || request.Timer == SupportTimer.None)
            {
                await requests.DeleteTimerAsync(dueAt, id, ct).ConfigureAwait(false); // left over from a change
                continue;
            }
            handled++;
            try
            {
                await FireAsync(request, now, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One request's trouble (a channel down, a store hiccup) must not hold up every timer after it.
                logger.RequestTimerFailed(request.Reference, ex.GetType().Name);
            }
        }
        return handled;
    }

    /// <summary>
    /// A request whose details cannot be decrypted (a key removed from Support:Keys, a damaged row): logged by its
    /// reference and reported to the coordinators once (the outbox's key makes it once across instances), never its
    /// content, which nobody can read anyway. Its timers wait until the key is back.
    /// </summary>
    private async Task ReportUnreadableAsync(string requestId, CancellationToken ct)
    {
        if (!_unreadable.TryAdd(requestId, 0)) return;
        var reference = SupportRequest.ReferenceOf(requestId);
        logger.RequestUnreadable(reference);
        foreach (var coordinator in program.CoordinatorAddresses())
            await outbox.ToUserAsync(StorageKeys.SupportNotice(requestId, default, "unreadable", coordinator), coordinator,
                BotMessage.Say(SupportText.Unreadable(reference)), ct).ConfigureAwait(false);
    }

    private async Task FireAsync(SupportRequest request, DateTimeOffset now, CancellationToken ct)
    {
        switch (request.Timer)
        {
            case SupportTimer.OfferExpires when request.Status == SupportStatus.Offered:
                var timedOut = request.Supporter!;
                var moved = await requests.TryUpdateAsync(request, request.PassOn(now), ct).ConfigureAwait(false);
                if (moved is null) return;
                logger.RequestTimedOut(moved.Reference); BotMetrics.Support("timed_out");
                await redaction.FromAsync(moved, timedOut, Redaction.MovedOn, ct).ConfigureAwait(false);
                await outbox.ToUserAsync(StorageKeys.SupportNotice(moved.Id, moved.ETag, "lapsed", timedOut), timedOut, BotMessage.Say(SupportText.OfferLapsed(moved.Reference)), ct).ConfigureAwait(false);
                await routing.OfferNextAsync(moved, ct).ConfigureAwait(false);
                return;
            case SupportTimer.OfferExpires when request.Status == SupportStatus.New:
                await routing.OfferNextAsync(request, ct).ConfigureAwait(false); // the first offer never happened (a crash), or a retry
                return;
            case SupportTimer.FollowUp when request.Status == SupportStatus.Done:
                var followed = await requests.TryUpdateAsync(request, request.FollowedUp(now, TimeSpan.FromDays(settings.RetentionDays)), ct).ConfigureAwait(false);
                if (followed?.Requester is { } requester)
                    await outbox.ToUserAsync(StorageKeys.SupportNotice(followed.Id, followed.ETag, "follow-up", requester), requester, BotMessage.Say(SupportText.FollowUp), ct).ConfigureAwait(false);
                return;
            case SupportTimer.Reminder when request.Status == SupportStatus.Accepted:
                var from = request.RemindFrom ?? request.AcceptedAt ?? now;
                var reminded = await requests.TryUpdateAsync(request, request.Reminded(from, settings.ReminderAfter(request.RemindersSent + 1)), ct).ConfigureAwait(false);
                if (reminded?.Supporter is not { } supporter) return;
                logger.RequestReminded(reminded.Reference, reminded.RemindersSent);
                await outbox.ToUserAsync(StorageKeys.SupportNotice(reminded.Id, reminded.ETag, "reminder", supporter), supporter,
                    BotMessage.Say(SupportText.Reminder(reminded.Reference, now - from)), ct).ConfigureAwait(false);
                return;
            case SupportTimer.EscalationRetry when request.Status == SupportStatus.Escalated:
                // Claimed first (the next try's time, ETag-checked): of several instances sweeping, only one alerts.
                var claimed = await requests.TryUpdateAsync(request, request.AwaitCoordinator(now, TimeSpan.FromMinutes(settings.EscalationRetryMinutes)), ct).ConfigureAwait(false);
                if (claimed is not null) await routing.AlertCoordinatorsAsync(claimed, ct).ConfigureAwait(false);
                return;
            case SupportTimer.Purge:
                // Every card that showed the details is taken back first, the assigned supporter's and coordinators' too. A
                // channel that fails now gets another try each hour for a day; the store is erased on time regardless after that.
                var failed = await redaction.EverywhereAsync(request, Redaction.Erased, ct).ConfigureAwait(false);
                if (failed > 0 && now < (request.ClosedAt ?? now) + TimeSpan.FromDays(settings.RetentionDays + 1))
                {
                    await requests.TryUpdateAsync(request, request.PurgeLater(now + TimeSpan.FromHours(1)), ct).ConfigureAwait(false);
                    return;
                }
                if (await requests.TryUpdateAsync(request, request.Purge(), ct).ConfigureAwait(false) is not null)
                    logger.RequestPurged(request.Reference);
                return;
            default:
                await requests.TryUpdateAsync(request, request.WithoutTimer(), ct).ConfigureAwait(false);
                return;
        }
    }
}
