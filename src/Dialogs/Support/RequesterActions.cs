using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>What happens to a requester's own requests: their latest, withdrawing it, and urgency after crisis words.</summary>
public sealed class RequesterActions(
    SupportRequests requests,
    CardRedaction redaction,
    Outbox.Outbox outbox,
    SupportSettings settings,
    TimeProvider clock,
    ILogger<RequesterActions> logger)
{
    /// <summary>
    /// Their latest open request. Outreach someone else asked for counts only once they have been told of it (a
    /// supporter or coordinator has it): until then "support status" says nothing of it.
    /// </summary>
    public async Task<SupportRequest?> LatestOpenAsync(UserRef requester, CancellationToken ct, bool evenUnannounced = false) =>
        (await requests.OpenForAsync(requester, ct).ConfigureAwait(false))
        .LastOrDefault(r => evenUnannounced || !r.IsOutreach || r.Status == SupportStatus.Accepted || r.Status == SupportStatus.Escalated && !r.AwaitingCoordinator);

    /// <summary>The requester withdraws their open request; whoever was asked is told it was withdrawn, nothing more.</summary>
    /// <param name="evenUnannounced">Outreach they were not told of yet too (a privacy erasure withdraws everything).</param>
    public async Task<SupportRequest?> CancelAsync(UserRef requester, CancellationToken ct, bool evenUnannounced = false)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var open = await LatestOpenAsync(requester, ct, evenUnannounced).ConfigureAwait(false);
            if (open is null) return null;
            var cancelled = await requests.TryUpdateAsync(open, open.Cancel(clock.GetUtcNow(), TimeSpan.FromDays(settings.RetentionDays)), ct).ConfigureAwait(false);
            if (cancelled is null) continue; // moved meanwhile (offered to the next supporter): cancel what it is now
            logger.RequestClosed(cancelled.Reference, "cancelled"); BotMetrics.Support("cancelled");
            await redaction.EverywhereAsync(cancelled, Redaction.Closed, ct).ConfigureAwait(false);
            if (open.Holder is { } toTell)
                await outbox.ToUserAsync(StorageKeys.SupportNotice(cancelled.Id, cancelled.ETag, "withdrawn", toTell), toTell,
                    BotMessage.Say(cancelled.IsOutreach ? OutreachText.NotNowToSupporter(cancelled.Reference) : SupportText.Withdrawn(cancelled.Reference)), ct).ConfigureAwait(false);
            return cancelled;
        }
        return null;
    }

    /// <summary>
    /// The person an outreach is for tapped "Thanks, not now": it closes kindly, and whoever has it (the supporter
    /// asked or assigned, or the coordinator) is told there's no need to reach out. Only that person may.
    /// </summary>
    public async Task<SupportActionResult> DeclineOutreachAsync(UserRef person, string requestId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var request = await requests.GetAsync(requestId, ct).ConfigureAwait(false);
            if (request is null) return SupportActionResult.NotFound;
            if (request.Requester?.Key != person.Key || !request.IsOutreach) return SupportActionResult.NotYours;
            if (!request.IsOpen) return SupportActionResult.AlreadyMoved;
            var declined = await requests.TryUpdateAsync(request, request.DeclineOutreach(clock.GetUtcNow(), TimeSpan.FromDays(settings.RetentionDays)), ct).ConfigureAwait(false);
            if (declined is null) continue; // moved meanwhile (passed to the next supporter): decline what it is now
            logger.RequestClosed(declined.Reference, "declined"); BotMetrics.Support("outreach_declined");
            await redaction.EverywhereAsync(declined, Redaction.Closed, ct).ConfigureAwait(false);
            if (request.Holder is { } toTell)
                await outbox.ToUserAsync(StorageKeys.SupportNotice(declined.Id, declined.ETag, "not-now", toTell), toTell,
                    BotMessage.Say(OutreachText.NotNowToSupporter(declined.Reference)), ct).ConfigureAwait(false);
            return SupportActionResult.Done;
        }
        return SupportActionResult.AlreadyMoved;
    }

    /// <summary>
    /// The safety net saw crisis wording from this person: their open requests become urgent, a pending offer's
    /// window shrinks to the urgent one, and whoever holds the request is told (without the words that were said).
    /// </summary>
    public async Task<int> MarkUrgentAsync(UserRef requester, CancellationToken ct)
    {
        var marked = 0;
        foreach (var open in await requests.OpenForAsync(requester, ct).ConfigureAwait(false))
        {
            if (open.Urgent) continue;
            var changed = await requests.TryUpdateAsync(open, open.MarkUrgent(clock.GetUtcNow() + settings.OfferWindow(urgent: true)), ct).ConfigureAwait(false);
            if (changed is null) continue;
            marked++;
            logger.RequestUrgent(changed.Reference);
            if (changed.Holder is { } holder)
                await outbox.ToUserAsync(StorageKeys.SupportNotice(changed.Id, changed.ETag, "urgent", holder), holder, BotMessage.Say(SupportText.NowUrgent(changed.Reference)), ct).ConfigureAwait(false);
        }
        return marked;
    }
}
