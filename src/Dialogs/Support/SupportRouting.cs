using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>
/// Routes Helping Healers Heal requests: offers each to one available peer supporter at a time (never the requester;
/// fewest open first, then least recently asked, a different department preferred), moves on when they decline or
/// the window passes, and escalates to a named coordinator when nobody is left. Every change is ETag-checked and
/// timers live in the store, so several instances and restarts neither double-assign nor drop a request.
/// </summary>
public sealed class SupportRouting(
    SupportRequests requests,
    PeerRoster roster,
    SupportAudit audit,
    Outbox.Outbox outbox,
    IPeopleDirectory people,
    ProgramSettings program,
    SupportSettings settings,
    TimeProvider clock,
    ILogger<SupportRouting> logger)
{
    /// <summary>Stores a new request and offers it straight away. Returns the request, and false when the form was sent twice.</summary>
    public async Task<(SupportRequest Request, bool Created)> SubmitAsync(string requestId, UserRef requester, SupportTier tier, bool urgent,
        SupportDetails details, CancellationToken ct)
    {
        var request = SupportRequest.Received(requestId, requester, tier, urgent, details, clock.GetUtcNow());
        if (!await requests.CreateAsync(request, ct).ConfigureAwait(false))
            return (await requests.GetAsync(requestId, ct).ConfigureAwait(false) ?? request, false);
        logger.RequestCreated(request.Reference, tier.ToString(), urgent); BotMetrics.Support("created");
        var created = await requests.GetAsync(requestId, ct).ConfigureAwait(false) ?? request;
        return (await OfferNextAsync(created, ct).ConfigureAwait(false) ?? created, true);
    }

    /// <summary>
    /// Offers a request in the queue (New) to the next supporter, or escalates when none is left. Returns the saved
    /// request, or null when another instance moved it first (that instance carries on).
    /// </summary>
    public async Task<SupportRequest?> OfferNextAsync(SupportRequest request, CancellationToken ct)
    {
        // Another instance's sweep may have offered it already (a new request is due at once): that one carries on.
        if (request.Status != SupportStatus.New) return request;
        var current = request;
        foreach (var candidate in await CandidatesAsync(current, ct).ConfigureAwait(false))
        {
            var now = clock.GetUtcNow();
            var offered = await requests.TryUpdateAsync(current, current.Offer(candidate.Person, now, settings.OfferWindow(current.Urgent)), ct).ConfigureAwait(false);
            if (offered is null) return null;
            await roster.MarkAssignedAsync(candidate.Person, now, ct).ConfigureAwait(false);

            // Delivered, or waiting in the outbox for the channel to come back: either way the offer's window runs.
            var offer = await outbox.ToUserAsync(StorageKeys.SupportNotice(offered.Id, offered.ETag, "offer", candidate.Person), candidate.Person,
                BotMessage.Show(SupportCards.Offer(offered, offered.Details!, settings)), ct).ConfigureAwait(false);
            if (offer != Outbox.Delivery.Unreachable)
            {
                await audit.RecordAsync(candidate.Person, offered.Id, SupportAudit.ShownWithOffer, ct).ConfigureAwait(false);
                logger.RequestOffered(offered.Reference, offered.Passed.Count + 1); BotMetrics.Support("offered");
                return offered;
            }
            // Cannot be reached (never opened the bot, or removed it): treat as a pass and try the next one now.
            current = await requests.TryUpdateAsync(offered, offered.PassOn(clock.GetUtcNow()), ct).ConfigureAwait(false);
            if (current is null) return null;
        }
        return await EscalateAsync(current, ct).ConfigureAwait(false);
    }

    /// <summary>Available supporters, best first: never the requester, nobody who passed, fewest open, least recently asked.</summary>
    private async Task<List<PeerSupporter>> CandidatesAsync(SupportRequest request, CancellationToken ct)
    {
        var all = await requests.AllAsync(ct).ConfigureAwait(false);
        var openBySupporter = all.Where(r => r.Status is SupportStatus.Offered or SupportStatus.Accepted && r.Supporter is not null && r.Id != request.Id)
            .GroupBy(r => r.Supporter!.Key).ToDictionary(g => g.Key, g => g.Count());
        var department = request.Details?.Department ?? "";
        return (await roster.AllAsync(ct).ConfigureAwait(false))
            .Where(s => s.Available && s.Person.Key != request.Requester?.Key && !request.Passed.Contains(s.Person.Key))
            .OrderBy(s => department.Length > 0 && string.Equals(s.Department, department, StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .ThenBy(s => openBySupporter.GetValueOrDefault(s.Person.Key))
            .ThenBy(s => s.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(s => s.Person.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private async Task<SupportRequest?> EscalateAsync(SupportRequest request, CancellationToken ct)
    {
        var coordinators = program.CoordinatorAddresses();
        if (coordinators.Count == 0)
        {
            // No coordinator to name: keep trying supporters at every window rather than let it sit unowned.
            logger.RequestNoCoordinator(request.Reference);
            return await requests.TryUpdateAsync(request, request.StartOver(clock.GetUtcNow(), settings.OfferWindow(request.Urgent)), ct).ConfigureAwait(false);
        }
        // The first coordinator listed is the one named to the requester; every coordinator is alerted.
        var named = coordinators[0] with { Name = await people.NameOfAsync(coordinators[0], ct).ConfigureAwait(false) ?? "a program coordinator" };
        var escalated = await requests.TryUpdateAsync(request, request.Escalate(named), ct).ConfigureAwait(false);
        if (escalated is null) return null;
        logger.RequestEscalated(escalated.Reference); BotMetrics.Support("escalated");
        var alerted = 0;
        foreach (var coordinator in coordinators)
        {
            var person = coordinator with { Name = await people.NameOfAsync(coordinator, ct).ConfigureAwait(false) ?? "Coordinator" };
            if (await outbox.ToUserAsync(StorageKeys.SupportNotice(escalated.Id, escalated.ETag, "escalation", person), person,
                    BotMessage.Show(SupportCards.Escalation(escalated, escalated.Details!, named)), ct).ConfigureAwait(false) == Outbox.Delivery.Unreachable)
                continue;
            alerted++;
            await audit.RecordAsync(person, escalated.Id, SupportAudit.ShownWithEscalation, ct).ConfigureAwait(false);
        }
        // Still listed for them in "h3 requests"; the log is how an admin learns the alert did not arrive.
        if (alerted == 0) logger.RequestCoordinatorsUnreachable(escalated.Reference);
        if (escalated.Requester is { } requester)
            await outbox.ToUserAsync(StorageKeys.SupportNotice(escalated.Id, escalated.ETag, "escalated", requester), requester,
                BotMessage.Say(SupportText.EscalatedToRequester(named.Name)), ct).ConfigureAwait(false);
        return escalated;
    }
}
