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
    SupportNotices notices,
    CardRedaction redaction,
    Resources.CatalogSource catalog,
    ProgramSettings program,
    SupportSettings settings,
    TimeProvider clock,
    ILogger<SupportRouting> logger)
{
    /// <summary>How long an offer being sent holds the request: past it, a send that died with its instance is passed on.</summary>
    public static readonly TimeSpan SendGrace = TimeSpan.FromMinutes(2);

    /// <summary>Stores a new request and offers it straight away. Returns the request, and false when the form was sent twice.</summary>
    public Task<(SupportRequest Request, bool Created)> SubmitAsync(string requestId, UserRef requester, SupportTier tier, bool urgent,
        SupportDetails details, CancellationToken ct) =>
        SubmitAsync(SupportRequest.Received(requestId, requester, tier, urgent, details, clock.GetUtcNow()), ct);

    /// <summary>The same for a request already made (an outreach): stored under its id, or the next free one, then offered.</summary>
    public async Task<(SupportRequest Request, bool Created)> SubmitAsync(SupportRequest received, CancellationToken ct)
    {
        // A reference another request already has is never reused: the next id derived from this one is tried.
        for (var attempt = 0; ; attempt++)
        {
            var request = received with { Id = SupportRequest.IdFor(received.Id, attempt) };
            switch (await requests.CreateAsync(request, ct).ConfigureAwait(false))
            {
                case SupportRequests.Creation.ReferenceTaken when attempt < 8:
                    continue;
                case SupportRequests.Creation.ReferenceTaken:
                    throw new InvalidOperationException("No free support reference after 8 tries.");
                case SupportRequests.Creation.Duplicate:
                    return (await requests.GetAsync(request.Id, ct).ConfigureAwait(false) ?? request, false);
            }
            logger.RequestCreated(request.Reference, request.Kind.ToString()); BotMetrics.Support(request.IsOutreach ? "outreach_created" : "created");
            var created = await requests.GetAsync(request.Id, ct).ConfigureAwait(false) ?? request;
            return (await OfferNextAsync(created, ct).ConfigureAwait(false) ?? await requests.GetAsync(request.Id, ct).ConfigureAwait(false) ?? created, true);
        }
    }

    /// <summary>
    /// Offers a request in the queue (New) to the next supporter, or escalates when none is left. An offer counts
    /// only once it is delivered: a supporter the channel cannot reach now is passed over at once. Returns the saved
    /// request, or null when another instance (or the supporter, accepting) moved it first.
    /// </summary>
    public async Task<SupportRequest?> OfferNextAsync(SupportRequest request, CancellationToken ct)
    {
        // Another instance's sweep may have offered it already (a new request is due at once): that one carries on.
        if (request.Status != SupportStatus.New) return request;
        var current = request;
        foreach (var candidate in await CandidatesAsync(current, ct).ConfigureAwait(false))
        {
            var offered = await requests.TryUpdateAsync(current, current.Offer(candidate.Person, clock.GetUtcNow(), SendGrace), ct).ConfigureAwait(false);
            if (offered is null) return null;
            var (sent, where) = await outbox.NowOrNotAsync(StorageKeys.SupportNotice(offered.Id, offered.ETag, "offer", candidate.Person), candidate.Person,
                BotMessage.Show(SupportCards.Offer(offered, offered.Details!, settings, catalog.SupporterGuide)), ct).ConfigureAwait(false);
            if (sent == Outbox.Delivery.Sent)
            {
                await roster.MarkAssignedAsync(candidate.Person, clock.GetUtcNow(), ct).ConfigureAwait(false);
                await audit.RecordAsync(candidate.Person, offered.Id, SupportAudit.ShownWithOffer, ct).ConfigureAwait(false);
                logger.RequestOffered(offered.Reference, offered.Passed.Count + 1); BotMetrics.Support("offered");
                var card = where is null ? null : ShownCard.To(candidate.Person, where);
                // Re-read on a race (crisis words marking it urgent): the card must be recorded, to be taken back later.
                return await SaveAsync(offered, r => r.Status == SupportStatus.Offered && r.Supporter?.Key == candidate.Person.Key
                    ? r.Delivered(clock.GetUtcNow(), settings.OfferWindow(r.Urgent), card) : null, ct).ConfigureAwait(false);
            }
            // Not reached (never opened the bot, removed it, or the channel failed): a pass, and the next one is asked now.
            logger.RequestOfferNotDelivered(offered.Reference, sent.ToString()); BotMetrics.Support("offer_not_delivered");
            current = await requests.TryUpdateAsync(offered, offered.PassOn(clock.GetUtcNow()), ct).ConfigureAwait(false);
            if (current is null) return null;
        }
        return await EscalateAsync(current, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A supporter left the roster: every request they were offered or had accepted goes to the next supporter at once,
    /// and with it their access (details are shown only to a request's current supporter). Returns how many moved.
    /// </summary>
    public async Task<int> ReassignFromAsync(UserRef supporter, CancellationToken ct)
    {
        var moved = 0;
        foreach (var held in (await requests.AllAsync(ct).ConfigureAwait(false))
                     .Where(r => r.Supporter?.Key == supporter.Key && r.Status is SupportStatus.Offered or SupportStatus.Accepted))
        {
            SupportRequest? request;
            try
            {
                request = await requests.GetAsync(held.Id, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or System.Text.Json.JsonException)
            {
                continue; // unreadable (the sweep reports it); the rest are still handed on, and access is checked against the roster anyway
            }
            if (request is null || request.Supporter?.Key != supporter.Key) continue;
            if (request.Status is not (SupportStatus.Offered or SupportStatus.Accepted)) continue;
            var back = await requests.TryUpdateAsync(request, request.Reassign(clock.GetUtcNow()), ct).ConfigureAwait(false);
            if (back is null) continue;
            moved++;
            logger.RequestReassigned(back.Reference); BotMetrics.Support("reassigned");
            await redaction.FromAsync(back, supporter, Redaction.MovedOn, ct).ConfigureAwait(false);
            await outbox.ToUserAsync(StorageKeys.SupportNotice(back.Id, back.ETag, "reassigned", supporter), supporter,
                BotMessage.Say(SupportText.Reassigned(back.Reference)), ct).ConfigureAwait(false);
            await OfferNextAsync(back, ct).ConfigureAwait(false);
        }
        return moved;
    }

    /// <summary>
    /// Applies <paramref name="move"/> and saves it; when another change came first (crisis words marking it urgent),
    /// reads the request again and applies it to that, while the move still applies (null: it no longer does).
    /// </summary>
    private async Task<SupportRequest?> SaveAsync(SupportRequest request, Func<SupportRequest, SupportRequest?> move, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (move(request) is not { } changed) return null;
            if (await requests.TryUpdateAsync(request, changed, ct).ConfigureAwait(false) is { } saved) return saved;
            if (await requests.GetAsync(request.Id, ct).ConfigureAwait(false) is not { } again) return null;
            request = again;
        }
        return null;
    }

    /// <summary>Available supporters, best first: never the requester, nobody who passed, fewest open, least recently asked.</summary>
    private async Task<List<PeerSupporter>> CandidatesAsync(SupportRequest request, CancellationToken ct)
    {
        var all = await requests.AllAsync(ct).ConfigureAwait(false);
        var openBySupporter = all.Where(r => r.Status is SupportStatus.Offered or SupportStatus.Accepted && r.Supporter is not null && r.Id != request.Id)
            .GroupBy(r => r.Supporter!.Key).ToDictionary(g => g.Key, g => g.Count());
        var department = request.Details?.Department ?? "";
        return (await roster.AllAsync(ct).ConfigureAwait(false))
            .Where(s => s.Available && s.Person.Key != request.Requester?.Key && s.Person.Key != request.Referrer?.Key && !request.Passed.Contains(s.Person.Key))
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
        var escalated = await requests.TryUpdateAsync(request,
            request.Escalate(coordinators[0] with { Name = "" }, clock.GetUtcNow(), TimeSpan.FromMinutes(settings.EscalationRetryMinutes)), ct).ConfigureAwait(false);
        if (escalated is null) return null;
        logger.RequestEscalated(escalated.Reference); BotMetrics.Support("escalated");
        return await AlertCoordinatorsAsync(escalated, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Alerts every coordinator not yet reached. Once one is, they are named to the requester as the one who will
    /// reach out; until then the requester is told honestly that a coordinator is still being reached, with 988/911,
    /// and the alerts are tried again every <see cref="SupportSettings.EscalationRetryMinutes"/>.
    /// </summary>
    public async Task<SupportRequest?> AlertCoordinatorsAsync(SupportRequest escalated, CancellationToken ct)
    {
        UserRef? reached = null;
        var cards = new List<ShownCard>();
        // A coordinator the request is about (referred, or involved in the event) is never sent its details.
        foreach (var coordinator in program.CoordinatorAddresses().Where(c => c.Key != escalated.Requester?.Key))
        {
            var person = coordinator with { Name = await people.NameOfAsync(coordinator, ct).ConfigureAwait(false) ?? "a program coordinator" };
            // Keyed by the request, not its version: a retry never alerts a coordinator who already has it.
            var (sent, where) = await outbox.NowOrNotAsync(StorageKeys.SupportNotice(escalated.Id, default, "escalation", person), person,
                BotMessage.Show(SupportCards.Escalation(escalated, escalated.Details!, named: reached ?? person)), ct).ConfigureAwait(false);
            if (sent != Outbox.Delivery.Sent) continue;
            if (where is not null) cards.Add(ShownCard.To(person, where));
            reached ??= person;
            await audit.RecordAsync(person, escalated.Id, SupportAudit.ShownWithEscalation, ct).ConfigureAwait(false);
        }
        if (reached is null)
        {
            logger.RequestCoordinatorsUnreachable(escalated.Reference); BotMetrics.Support("escalation_retry");
            var waiting = await SaveAsync(escalated, r => r.AwaitingCoordinator ? r.AwaitCoordinator(clock.GetUtcNow(), TimeSpan.FromMinutes(settings.EscalationRetryMinutes)) : null, ct)
                .ConfigureAwait(false);
            if (waiting is not null) await notices.StillReachingAsync(waiting, ct).ConfigureAwait(false);
            return waiting;
        }
        var owned = await SaveAsync(escalated, r => r.AwaitingCoordinator ? r.CoordinatorReached(reached).ShownOn(cards) : null, ct).ConfigureAwait(false);
        if (owned is not null) await notices.WithCoordinatorAsync(owned, reached, ct).ConfigureAwait(false);
        return owned;
    }
}
