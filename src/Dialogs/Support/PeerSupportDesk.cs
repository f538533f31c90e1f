using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Support;

/// <summary>What a supporter's or requester's action came to.</summary>
public enum SupportActionResult { Done, NotFound, NotYours, AlreadyMoved }

/// <summary>
/// Routes Helping Healers Heal requests: offers each to one available peer supporter at a time (never the requester;
/// fewest open first, then least recently asked, a different department preferred), moves on when they decline or
/// the window passes, and escalates to a named coordinator when nobody is left. Every state change is ETag-checked
/// and timers live in the store, so several instances and restarts neither double-assign nor drop a request.
/// Logs name request ids and states only, never people or details.
/// </summary>
public sealed partial class PeerSupportDesk(
    SupportRequests requests,
    PeerRoster roster,
    SupportAudit audit,
    IProactiveMessenger messenger,
    ProgramSettings program,
    SupportSettings settings,
    ITableStore store,
    TimeProvider clock,
    ILogger<PeerSupportDesk> logger)
{
    /// <summary>Stores a new request and offers it straight away. Returns the request, and false when the form was sent twice.</summary>
    public async Task<(SupportRequest Request, bool Created)> SubmitAsync(string requestId, UserRef requester, SupportTier tier, bool urgent,
        SupportDetails details, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The timer is set to "now" before anything else: if this instance dies before the first offer, a sweep makes it.
        var request = new SupportRequest
        {
            Id = requestId, Requester = requester with { Name = "" }, Tier = tier, Urgent = urgent, Status = SupportStatus.New,
            CreatedAt = now, Timer = SupportTimer.OfferExpires, DueAt = now, Details = details,
        };
        if (!await requests.CreateAsync(request, ct).ConfigureAwait(false))
            return (await requests.GetAsync(requestId, ct).ConfigureAwait(false) ?? request, false);
        LogCreated(logger, request.Reference, tier.ToString(), urgent); BotMetrics.Support("created");
        var created = await requests.GetAsync(requestId, ct).ConfigureAwait(false) ?? request;
        return (await OfferNextAsync(created, ct).ConfigureAwait(false) ?? created, true);
    }

    /// <summary>
    /// Offers the request to the next supporter, or escalates when none is left. Returns the saved request, or null
    /// when another instance moved it first (that instance carries on).
    /// </summary>
    private async Task<SupportRequest?> OfferNextAsync(SupportRequest request, CancellationToken ct)
    {
        var current = request;
        foreach (var candidate in await CandidatesAsync(current, ct).ConfigureAwait(false))
        {
            var now = clock.GetUtcNow();
            var offered = await requests.TryUpdateAsync(current, current with
            {
                Status = SupportStatus.Offered, Supporter = candidate.Person, OfferedAt = now,
                Timer = SupportTimer.OfferExpires, DueAt = now + settings.OfferWindow(current.Urgent),
            }, ct).ConfigureAwait(false);
            if (offered is null) return null;
            await roster.MarkAssignedAsync(candidate.Person, now, ct).ConfigureAwait(false);

            if (await messenger.SendToUserAsync(candidate.Person, Messages.BotMessage.Show(SupportCards.Offer(offered, offered.Details!, settings)), ct).ConfigureAwait(false))
            {
                await audit.RecordAsync(candidate.Person, offered.Id, SupportAudit.ShownWithOffer, ct).ConfigureAwait(false);
                LogOffered(logger, offered.Reference, offered.Passed.Count + 1); BotMetrics.Support("offered");
                return offered;
            }
            // Cannot be reached (never opened the bot, or removed it): treat as a pass and try the next one now.
            current = await requests.TryUpdateAsync(offered, offered.PassedOnBy(candidate.Person), ct).ConfigureAwait(false);
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
        // The first coordinator listed is the one named to the requester; every coordinator is alerted.
        var named = coordinators.Count == 0 ? null
            : coordinators[0] with { Name = await NameOfAsync(coordinators[0], ct).ConfigureAwait(false) ?? "a program coordinator" };
        if (named is null)
        {
            // No coordinator to name: keep trying supporters at every window rather than let it sit unowned.
            LogNoCoordinator(logger, request.Reference);
            return await requests.TryUpdateAsync(request, request with
            {
                Status = SupportStatus.New, Supporter = null, Passed = [], Timer = SupportTimer.OfferExpires,
                DueAt = clock.GetUtcNow() + settings.OfferWindow(request.Urgent),
            }, ct).ConfigureAwait(false);
        }

        var escalated = await requests.TryUpdateAsync(request, request with
        {
            Status = SupportStatus.Escalated, Supporter = null, EscalatedTo = named, Timer = SupportTimer.None, DueAt = null,
        }, ct).ConfigureAwait(false);
        if (escalated is null) return null;
        LogEscalated(logger, escalated.Reference); BotMetrics.Support("escalated");
        var alerted = 0;
        foreach (var coordinator in coordinators)
        {
            var person = coordinator with { Name = await NameOfAsync(coordinator, ct).ConfigureAwait(false) ?? "Coordinator" };
            if (!await messenger.SendToUserAsync(person, Messages.BotMessage.Show(SupportCards.Escalation(escalated, escalated.Details!, named)), ct).ConfigureAwait(false))
                continue;
            alerted++;
            await audit.RecordAsync(person, escalated.Id, SupportAudit.ShownWithEscalation, ct).ConfigureAwait(false);
        }
        // Still listed for them in "h3 requests"; the log is how an admin learns the alert did not arrive.
        if (alerted == 0) LogCoordinatorsUnreachable(logger, escalated.Reference);
        if (escalated.Requester is { } requester)
            await messenger.SendToUserAsync(requester, Messages.BotMessage.Say(SupportText.EscalatedToRequester(named.Name)), ct).ConfigureAwait(false);
        return escalated;
    }

    public async Task<SupportActionResult> AcceptAsync(UserRef supporter, string requestId, CancellationToken ct)
    {
        var request = await requests.GetAsync(requestId, ct).ConfigureAwait(false);
        if (request is null) return SupportActionResult.NotFound;
        if (request.Supporter?.Key != supporter.Key) return SupportActionResult.NotYours;
        if (request.Status != SupportStatus.Offered) return request.Status == SupportStatus.Accepted ? SupportActionResult.Done : SupportActionResult.AlreadyMoved;

        var accepted = await requests.TryUpdateAsync(request, request with
        {
            Status = SupportStatus.Accepted, Supporter = supporter, AcceptedAt = request.AcceptedAt ?? clock.GetUtcNow(),
            Timer = SupportTimer.None, DueAt = null,
        }, ct).ConfigureAwait(false);
        if (accepted is null) return SupportActionResult.AlreadyMoved;
        LogAccepted(logger, accepted.Reference); BotMetrics.Support("accepted");
        var department = (await roster.GetAsync(supporter, ct).ConfigureAwait(false))?.Department ?? "";
        if (accepted.Requester is { } requester)
            await messenger.SendToUserAsync(requester, Messages.BotMessage.Say(SupportText.AcceptedToRequester(supporter.Name, department, accepted.Details)), ct).ConfigureAwait(false);
        return SupportActionResult.Done;
    }

    public async Task<SupportActionResult> DeclineAsync(UserRef supporter, string requestId, CancellationToken ct)
    {
        var request = await requests.GetAsync(requestId, ct).ConfigureAwait(false);
        if (request is null) return SupportActionResult.NotFound;
        if (request.Supporter?.Key != supporter.Key) return SupportActionResult.NotYours;
        if (request.Status != SupportStatus.Offered) return SupportActionResult.AlreadyMoved;
        var passed = await requests.TryUpdateAsync(request, request.PassedOnBy(supporter) with { DueAt = clock.GetUtcNow() }, ct).ConfigureAwait(false);
        if (passed is null) return SupportActionResult.AlreadyMoved;
        LogDeclined(logger, passed.Reference); BotMetrics.Support("declined");
        await OfferNextAsync(passed, ct).ConfigureAwait(false);
        return SupportActionResult.Done;
    }

    /// <summary>The supporter (or a coordinator, for an escalated request) has connected: the request closes.</summary>
    public async Task<SupportActionResult> CloseAsync(UserRef closer, string requestId, CancellationToken ct)
    {
        var request = await requests.GetAsync(requestId, ct).ConfigureAwait(false);
        if (request is null) return SupportActionResult.NotFound;
        var mayClose = request.Status == SupportStatus.Accepted && request.Supporter?.Key == closer.Key
                       || request.Status is SupportStatus.Escalated or SupportStatus.Accepted or SupportStatus.Offered && program.IsCoordinator(closer);
        if (!mayClose) return request.IsOpen ? SupportActionResult.NotYours : SupportActionResult.AlreadyMoved;
        var now = clock.GetUtcNow();
        var followUp = settings.FollowUpEnabled && request.Requester is not null;
        var closed = await requests.TryUpdateAsync(request, request with
        {
            Status = SupportStatus.Done, ClosedAt = now,
            Timer = followUp ? SupportTimer.FollowUp : SupportTimer.Purge,
            DueAt = now + (followUp ? TimeSpan.FromDays(settings.FollowUpAfterDays) : TimeSpan.FromDays(settings.RetentionDays)),
        }, ct).ConfigureAwait(false);
        if (closed is null) return SupportActionResult.AlreadyMoved;
        LogClosed(logger, closed.Reference, "done"); BotMetrics.Support("done");
        return SupportActionResult.Done;
    }

    /// <summary>The requester withdraws their open request; whoever was asked is told it was withdrawn, nothing more.</summary>
    public async Task<SupportRequest?> CancelAsync(UserRef requester, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var open = (await requests.OpenForAsync(requester, ct).ConfigureAwait(false)).LastOrDefault();
            if (open is null) return null;
            var now = clock.GetUtcNow();
            var cancelled = await requests.TryUpdateAsync(open, open with
            {
                Status = SupportStatus.Cancelled, ClosedAt = now, Timer = SupportTimer.Purge, DueAt = now + TimeSpan.FromDays(settings.RetentionDays),
            }, ct).ConfigureAwait(false);
            if (cancelled is null) continue; // moved meanwhile (offered to the next supporter): cancel what it is now
            LogClosed(logger, cancelled.Reference, "cancelled"); BotMetrics.Support("cancelled");
            if (open.Holder is { } toTell)
                await messenger.SendToUserAsync(toTell, Messages.BotMessage.Say(SupportText.Withdrawn(cancelled.Reference)), ct).ConfigureAwait(false);
            return cancelled;
        }
        return null;
    }

    public async Task<SupportRequest?> LatestOpenAsync(UserRef requester, CancellationToken ct) =>
        (await requests.OpenForAsync(requester, ct).ConfigureAwait(false)).LastOrDefault();

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
            var urgentDue = clock.GetUtcNow() + settings.OfferWindow(urgent: true);
            var changed = await requests.TryUpdateAsync(open, open with
            {
                Urgent = true,
                DueAt = open.Status == SupportStatus.Offered && open.DueAt > urgentDue ? urgentDue : open.DueAt,
            }, ct).ConfigureAwait(false);
            if (changed is null) continue;
            marked++;
            LogUrgent(logger, changed.Reference);
            if (changed.Holder is { } holder)
                await messenger.SendToUserAsync(holder, Messages.BotMessage.Say(SupportText.NowUrgent(changed.Reference)), ct).ConfigureAwait(false);
        }
        return marked;
    }

    /// <summary>Details for someone asking to see them: the assigned supporter or a coordinator. Every attempt is audited.</summary>
    public async Task<(SupportRequest? Request, bool Allowed)> ShowAsync(UserRef viewer, string reference, CancellationToken ct)
    {
        var request = await requests.FindAsync(reference, ct).ConfigureAwait(false);
        if (request is null) return (null, false);
        var allowed = program.IsCoordinator(viewer)
                      || request.Supporter?.Key == viewer.Key && request.Status is SupportStatus.Offered or SupportStatus.Accepted;
        await audit.RecordAsync(viewer, request.Id, allowed ? SupportAudit.ShownOnRequest : SupportAudit.Refused, ct).ConfigureAwait(false);
        return (request, allowed);
    }

    /// <summary>Requests a supporter holds now (offered or accepted).</summary>
    public async Task<List<SupportRequest>> HeldByAsync(UserRef supporter, CancellationToken ct) =>
        (await requests.AllAsync(ct).ConfigureAwait(false))
        .Where(r => r.Supporter?.Key == supporter.Key && r.Status is SupportStatus.Offered or SupportStatus.Accepted).ToList();

    /// <summary>Every request, without details (lists and figures).</summary>
    public Task<List<SupportRequest>> AllAsync(CancellationToken ct) => requests.AllAsync(ct);

    /// <summary>A request by its reference, for commands that act on it (not for showing it: that is <see cref="ShowAsync"/>).</summary>
    public Task<SupportRequest?> FindAsync(string reference, CancellationToken ct) => requests.FindAsync(reference, ct);

    /// <summary>The display name a person last used with the bot, if it has seen them.</summary>
    private async Task<string?> NameOfAsync(UserRef person, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserAddress(person);
        var row = await store.GetTableClient(StorageKeys.ConversationsTable).GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return row?.GetString("Name") is { Length: > 0 } name ? name : null;
    }
}
