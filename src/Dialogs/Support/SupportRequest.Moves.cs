using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>
/// Every legal move of a request, in one place. Each checks the state it leaves and says what it sets, timer
/// included; saving the result is the caller's (ETag-checked, <see cref="SupportRequests.TryUpdateAsync"/>).
/// New → Offered → Accepted → Done; an offer passed on goes back to New; New with nobody left → Escalated.
/// Reminders to the accepting supporter and retries of an escalation ride on the same one timer.
/// </summary>
public sealed partial record SupportRequest
{
    /// <summary>A new request, with its first-offer timer due at once: a crash before the offer is caught by the sweep.</summary>
    public static SupportRequest Received(string id, UserRef requester, SupportTier tier, bool urgent, SupportDetails details, DateTimeOffset now) => new()
    {
        Id = id, Requester = requester with { Name = "" }, Tier = tier, Urgent = urgent, Status = SupportStatus.New,
        CreatedAt = now, Timer = SupportTimer.OfferExpires, DueAt = now, Details = details,
    };

    /// <summary>
    /// Outreach to <paramref name="person"/> that someone else asked for: a colleague's referral, or a coordinator's
    /// event outreach. Routed like any request; the supporter who accepts reaches out first.
    /// </summary>
    public static SupportRequest Outreach(string id, UserRef person, SupportKind kind, UserRef referrer, bool referrerNamed, bool urgent,
        SupportDetails details, DateTimeOffset now, string? eventId = null, string? eventLabel = null) =>
        Received(id, person, SupportTier.PeerSupporter, urgent, details, now) with
        {
            Kind = kind is SupportKind.Asked ? throw new ArgumentException("Outreach is a referral or an event.", nameof(kind)) : kind,
            Referrer = referrer with { Name = "" }, ReferrerNamed = referrerNamed, EventId = eventId, EventLabel = eventLabel,
        };

    /// <summary>
    /// Being sent to one supporter. The window has not started: until the offer is <see cref="Delivered"/>, the timer
    /// is only the send's grace, so a crash mid-send passes it on within minutes instead of leaving it unseen.
    /// </summary>
    public SupportRequest Offer(UserRef supporter, DateTimeOffset now, TimeSpan sendGrace) => From([SupportStatus.New]) with
    {
        Status = SupportStatus.Offered, Supporter = supporter, OfferedAt = now, Timer = SupportTimer.OfferExpires, DueAt = now + sendGrace,
    };

    /// <summary>The offer reached the supporter: from now they have the whole window. <paramref name="card"/>: where it landed.</summary>
    public SupportRequest Delivered(DateTimeOffset now, TimeSpan window, ShownCard? card) => From([SupportStatus.Offered]) with
    {
        OfferedAt = now, Timer = SupportTimer.OfferExpires, DueAt = now + window, Shown = card is null ? Shown : [.. Shown, card],
    };

    /// <summary>Its details were shown on one more card (an escalation alert, "h3 show"), to be taken back later.</summary>
    public SupportRequest ShownOn(IEnumerable<ShownCard> cards) => this with { Shown = [.. Shown, .. cards] };

    /// <summary>Back in the queue: the supporter asked declined, let the window pass or could not be reached. Never asked again.</summary>
    public SupportRequest PassOn(DateTimeOffset now) => From([SupportStatus.Offered]) with
    {
        Status = SupportStatus.New, Supporter = null, Passed = [.. Passed, Supporter!.Key], Timer = SupportTimer.OfferExpires, DueAt = now,
    };

    /// <summary>
    /// Taken by the supporter it was offered to (kept under the name they go by now). Their first reminder falls due
    /// <paramref name="firstReminder"/> later, if they have not closed it by then; none when null.
    /// </summary>
    public SupportRequest Accept(UserRef supporter, DateTimeOffset now, TimeSpan? firstReminder = null) => From([SupportStatus.Offered]) with
    {
        Status = SupportStatus.Accepted, Supporter = supporter.Key == Supporter?.Key ? supporter
            : throw new InvalidOperationException($"Support request {Reference} was offered to someone else."),
        AcceptedAt = AcceptedAt ?? now, RemindFrom = now, RemindersSent = 0,
        Timer = firstReminder is null ? SupportTimer.None : SupportTimer.Reminder, DueAt = now + firstReminder,
    };

    /// <summary>A reminder went to the supporter: the next one is due <paramref name="next"/> after they accepted, or none is left.</summary>
    public SupportRequest Reminded(DateTimeOffset acceptedAt, TimeSpan? next) => From([SupportStatus.Accepted]) with
    {
        RemindersSent = RemindersSent + 1, Timer = next is null ? SupportTimer.None : SupportTimer.Reminder, DueAt = acceptedAt + next,
    };

    /// <summary>Its supporter left the roster: back in the queue at once, offered or accepted, and they are never asked again.</summary>
    public SupportRequest Reassign(DateTimeOffset now) => From([SupportStatus.Offered, SupportStatus.Accepted]) with
    {
        Status = SupportStatus.New, Supporter = null, Passed = [.. Passed, Supporter!.Key], RemindersSent = 0, Timer = SupportTimer.OfferExpires, DueAt = now,
    };

    /// <summary>Nobody left to ask: a named coordinator has it.</summary>
    /// <remarks>
    /// The retry timer runs from here until a coordinator is reached (<see cref="CoordinatorReached"/>): an instance
    /// that dies before alerting anyone leaves a request the next sweep alerts for, never one nobody owns.
    /// </remarks>
    public SupportRequest Escalate(UserRef coordinator, DateTimeOffset now, TimeSpan retry) => From([SupportStatus.New]) with
    {
        Status = SupportStatus.Escalated, Supporter = null, EscalatedTo = coordinator, Timer = SupportTimer.EscalationRetry, DueAt = now + retry,
    };

    /// <summary>Escalated, but no coordinator could be reached yet: the alerts are tried again when the timer falls due.</summary>
    public SupportRequest AwaitCoordinator(DateTimeOffset now, TimeSpan retry) => From([SupportStatus.Escalated]) with
    {
        Timer = SupportTimer.EscalationRetry, DueAt = now + retry,
    };

    /// <summary>A coordinator was reached: named as the one who has it, and no more tries.</summary>
    public SupportRequest CoordinatorReached(UserRef coordinator) => From([SupportStatus.Escalated]) with
    {
        EscalatedTo = coordinator, Timer = SupportTimer.None, DueAt = null,
    };

    /// <summary>Nobody left and no coordinator to name: everyone may be asked again at the next window, so it never sits unowned.</summary>
    public SupportRequest StartOver(DateTimeOffset now, TimeSpan window) => From([SupportStatus.New]) with
    {
        Status = SupportStatus.New, Supporter = null, Passed = [], Timer = SupportTimer.OfferExpires, DueAt = now + window,
    };

    /// <summary>Connected: closed, with a check-in first if there is one, then the purge after retention.</summary>
    public SupportRequest Close(DateTimeOffset now, TimeSpan? followUpAfter, TimeSpan retention) =>
        From([SupportStatus.Offered, SupportStatus.Accepted, SupportStatus.Escalated]) with
        {
            Status = SupportStatus.Done, ClosedAt = now,
            Timer = followUpAfter is null ? SupportTimer.Purge : SupportTimer.FollowUp, DueAt = now + (followUpAfter ?? retention),
        };

    /// <summary>Withdrawn by the requester.</summary>
    public SupportRequest Cancel(DateTimeOffset now, TimeSpan retention) =>
        From([SupportStatus.New, SupportStatus.Offered, SupportStatus.Accepted, SupportStatus.Escalated]) with
        {
            Status = SupportStatus.Cancelled, ClosedAt = now, Timer = SupportTimer.Purge, DueAt = now + retention,
        };

    /// <summary>The person an outreach is for said "thanks, not now": closed kindly, and erased after retention.</summary>
    public SupportRequest DeclineOutreach(DateTimeOffset now, TimeSpan retention) =>
        From([SupportStatus.New, SupportStatus.Offered, SupportStatus.Accepted, SupportStatus.Escalated]) with
        {
            Status = IsOutreach ? SupportStatus.Declined : throw new InvalidOperationException($"Support request {Reference} was asked for by the person themselves."),
            ClosedAt = now, Timer = SupportTimer.Purge, DueAt = now + retention,
        };

    /// <summary>Crisis words from the requester: urgent, and a pending offer's window no longer than the urgent one.</summary>
    public SupportRequest MarkUrgent(DateTimeOffset urgentDue) =>
        From([SupportStatus.New, SupportStatus.Offered, SupportStatus.Accepted, SupportStatus.Escalated]) with
        {
            Urgent = true, DueAt = Status == SupportStatus.Offered && DueAt > urgentDue ? urgentDue : DueAt,
        };

    /// <summary>The check-in was sent: what is left is the purge after retention.</summary>
    public SupportRequest FollowedUp(DateTimeOffset now, TimeSpan retention) => From([SupportStatus.Done]) with
    {
        Timer = SupportTimer.Purge, DueAt = (ClosedAt ?? now) + retention,
    };

    /// <summary>Retention is over (or the requester asked): only anonymous counts remain (tier, urgency, status, times).</summary>
    public SupportRequest Purge() => this with
    {
        Requester = null, Referrer = null, EventLabel = null, Details = null, Purged = true, Shown = [], Passed = [], Supporter = null, EscalatedTo = null, Timer = SupportTimer.None, DueAt = null,
    };

    /// <summary>The referrer's own data is erased (a privacy request): the outreach goes on without their name.</summary>
    public SupportRequest ForgetReferrer() => this with
    {
        Referrer = null, ReferrerNamed = false, Details = Details is null ? null : Details with { ReferrerName = "" },
    };

    /// <summary>The purge waits an hour: a card with the details could not be taken back yet.</summary>
    public SupportRequest PurgeLater(DateTimeOffset due) => this with { Timer = SupportTimer.Purge, DueAt = due };

    /// <summary>A timer with nothing left to do.</summary>
    public SupportRequest WithoutTimer() => this with { Timer = SupportTimer.None, DueAt = null };

    private SupportRequest From(SupportStatus[] allowed) => allowed.Contains(Status) ? this
        : throw new InvalidOperationException($"Support request {Reference} is {Status}; this move is only for {string.Join(" or ", allowed)}.");
}
