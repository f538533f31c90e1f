namespace WellnessBot.Dialogs.Support;

/// <summary>What the desk's timers do when they fall due: the next offer, a check-in, a purge.</summary>
public sealed partial class PeerSupportDesk
{
    /// <summary>
    /// Handles every timer that is due: offers that ran out (to the next supporter), check-ins, and purges.
    /// Safe to run on several instances at once: each change is ETag-checked and only the winner acts.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var handled = 0;
        var open = (await requests.AllAsync(ct).ConfigureAwait(false)).Where(r => r.IsOpen).ToList();
        var waiting = open.Where(r => r.Status is SupportStatus.New or SupportStatus.Offered).Select(r => now - r.CreatedAt).DefaultIfEmpty(TimeSpan.Zero).Max();
        BotMetrics.SupportBacklog(open.Count, waiting);
        foreach (var (dueAt, id) in await requests.DueAsync(now, ct).ConfigureAwait(false))
        {
            var request = await requests.GetAsync(id, ct).ConfigureAwait(false);
            if (request is null || request.DueAt != dueAt || request.Timer == SupportTimer.None)
            {
                await requests.DeleteTimerAsync(dueAt, id, ct).ConfigureAwait(false); // left over from a change
                continue;
            }
            handled++;
            switch (request.Timer)
            {
                case SupportTimer.OfferExpires when request.Status == SupportStatus.Offered:
                    var timedOut = request.Supporter!;
                    var moved = await requests.TryUpdateAsync(request, request.PassedOnBy(timedOut), ct).ConfigureAwait(false);
                    if (moved is null) continue;
                    LogTimedOut(logger, moved.Reference); BotMetrics.Support("timed_out");
                    await messenger.SendToUserAsync(timedOut, Messages.BotMessage.Say(SupportText.OfferLapsed(moved.Reference)), ct).ConfigureAwait(false);
                    await OfferNextAsync(moved, ct).ConfigureAwait(false);
                    break;
                case SupportTimer.OfferExpires when request.Status == SupportStatus.New:
                    await OfferNextAsync(request, ct).ConfigureAwait(false); // the first offer never happened (a crash), or a retry
                    break;
                case SupportTimer.FollowUp:
                    var followed = await requests.TryUpdateAsync(request, request with
                    {
                        Timer = SupportTimer.Purge, DueAt = (request.ClosedAt ?? now) + TimeSpan.FromDays(settings.RetentionDays),
                    }, ct).ConfigureAwait(false);
                    if (followed?.Requester is { } requester)
                        await messenger.SendToUserAsync(requester, Messages.BotMessage.Say(SupportText.FollowUp), ct).ConfigureAwait(false);
                    break;
                case SupportTimer.Purge:
                    // Only anonymous counts remain: tier, urgency, status and times.
                    if (await requests.TryUpdateAsync(request, request with
                        {
                            Requester = null, Details = null, Purged = true, Passed = [], Timer = SupportTimer.None, DueAt = null,
                            Supporter = null, EscalatedTo = null,
                        }, ct).ConfigureAwait(false) is not null)
                        LogPurged(logger, request.Reference);
                    break;
                default:
                    await requests.TryUpdateAsync(request, request with { Timer = SupportTimer.None, DueAt = null }, ct).ConfigureAwait(false);
                    break;
            }
        }
        return handled;
    }
}
