using Azure;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>Helping Healers Heal's three tiers, and "not sure" (the peer supporter helps choose).</summary>
public enum SupportTier { NotSure, Local, PeerSupporter, Expedited }

/// <summary>
/// Where a request is. Offered: a supporter has been asked and has until <see cref="SupportRequest.DueAt"/>.
/// Every request ends Accepted → Done, Cancelled, Declined (outreach the person said "thanks, not now" to), or
/// Escalated to a named coordinator; none is dropped.
/// </summary>
public enum SupportStatus { New, Offered, Accepted, Escalated, Done, Cancelled, Declined }

/// <summary>
/// Who started it. Asked: the person themselves. Referral: a colleague worried about them ("support for @Ben").
/// Event: a coordinator, after a difficult event ("h3 event @Ben @Chen"). The last two are outreach: the supporter
/// reaches out first, and the person may decline in one tap.
/// </summary>
public enum SupportKind { Asked, Referral, Event }

/// <summary>What a request's timer is waiting for.</summary>
public enum SupportTimer { None, OfferExpires, FollowUp, Purge, Reminder, EscalationRetry }

/// <summary>
/// What the requester told us: readable only by the assigned supporter and coordinators, encrypted in the store
/// (<see cref="DetailsProtector"/>), erased after retention.
/// </summary>
public sealed record SupportDetails
{
    public string RequesterName { get; init; } = "";
    public string Note { get; init; } = "";
    /// <summary>"chat", "phone", "in person".</summary>
    public string ContactBy { get; init; } = "chat";
    /// <summary>A number or a place, when they gave one.</summary>
    public string ContactInfo { get; init; } = "";
    /// <summary>When suits them, in their words ("after 5pm", "tomorrow morning").</summary>
    public string ContactWhen { get; init; } = "";
    public string Department { get; init; } = "";
    /// <summary>Who referred them: shown to coordinators, and to the supporter and the person only when the referrer chose to be named.</summary>
    public string ReferrerName { get; init; } = "";
}

/// <summary>A card with a request's details in someone's private chat: who it went to, and where it landed.</summary>
public sealed record ShownCard(string Channel, string UserId, string ConversationId, string MessageId)
{
    public static ShownCard To(UserRef person, Turns.SentMessage sent) => new(person.Channel, person.Id, sent.ConversationId, sent.MessageId);

    public bool IsFor(UserRef person) => Channel == person.Channel && UserId == person.Id;
}

/// <summary>One request for peer support. Everything outside <see cref="Details"/> is routing state or anonymous counts.</summary>
public sealed partial record SupportRequest
{
    public required string Id { get; init; }
    /// <summary>
    /// The person to support: who asked, or who a referral or an event outreach is for. Kept to reach them, sealed
    /// at rest, erased with the details after retention.
    /// </summary>
    public UserRef? Requester { get; init; }

    public SupportKind Kind { get; init; }

    /// <summary>Who asked on the person's behalf (a colleague, or the coordinator of an event): sealed, erased with the details.</summary>
    public UserRef? Referrer { get; init; }

    /// <summary>The referrer chose to let the person know it was them; otherwise the person is never told.</summary>
    public bool ReferrerNamed { get; init; }

    /// <summary>The event outreach this is one of (its requests share it), and the coordinators' short label for it (sealed).</summary>
    public string? EventId { get; init; }
    public string? EventLabel { get; init; }

    public bool IsOutreach => Kind != SupportKind.Asked;
    public SupportTier Tier { get; init; }
    public bool Urgent { get; init; }
    public SupportStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The supporter currently asked (Offered) or who accepted (Accepted, Done).</summary>
    public UserRef? Supporter { get; init; }
    public DateTimeOffset? OfferedAt { get; init; }
    /// <summary>Supporters who declined or let the window pass, by key: never asked again for this request.</summary>
    public IReadOnlyList<string> Passed { get; init; } = [];
    public DateTimeOffset? AcceptedAt { get; init; }
    /// <summary>The coordinator the request was escalated to when no supporter was left.</summary>
    public UserRef? EscalatedTo { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    public SupportTimer Timer { get; init; }
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Null once purged.</summary>
    public SupportDetails? Details { get; init; }
    public bool Purged { get; init; }

    public ETag ETag { get; init; }

    /// <summary>False for requests from a list, read without decrypting their details (and so never saved back).</summary>
    public bool DetailsRead { get; init; } = true;

    /// <summary>Listed, but who asked and the urgency could not be decrypted (its key left Support:Keys): shown by reference only.</summary>
    public bool Unreadable { get; init; }

    /// <summary>
    /// Cards with this request's details, where they landed (offers, escalation alerts, "h3 show"): updated in place to
    /// a neutral text when their reader no longer has the request, and for everyone when the details are erased.
    /// </summary>
    public IReadOnlyList<ShownCard> Shown { get; init; } = [];

    /// <summary>When the current supporter accepted (AcceptedAt stays the first acceptance, for the figures): reminders count from here.</summary>
    public DateTimeOffset? RemindFrom { get; init; }

    /// <summary>How many of the accepting supporter's reminders (24 h, 72 h) have been sent.</summary>
    public int RemindersSent { get; init; }

    /// <summary>Whoever has the request in hand now: the supporter asked or assigned, or the coordinator it went to.</summary>
    public UserRef? Holder => Status is SupportStatus.Offered or SupportStatus.Accepted ? Supporter : Status == SupportStatus.Escalated ? EscalatedTo : null;

    /// <summary>Escalated, but no coordinator has been reached yet: nobody may be promised to the requester.</summary>
    public bool AwaitingCoordinator => Status == SupportStatus.Escalated && Timer == SupportTimer.EscalationRetry;

    public bool IsOpen => Status is SupportStatus.New or SupportStatus.Offered or SupportStatus.Accepted or SupportStatus.Escalated;

    /// <summary>
    /// A stable reference people can type ("h3 show 7f3a2c90d1"): 40 bits, so a program never meets a collision by
    /// chance, and <see cref="SupportRequests.CreateAsync"/> refuses one anyway.
    /// </summary>
    public string Reference => ReferenceOf(Id);

    public const int ReferenceLength = 10;

    public static string ReferenceOf(string id) => id[..Math.Min(ReferenceLength, id.Length)];

    /// <summary>
    /// The id to try after <paramref name="attempt"/> ids were refused for a reference collision: derived from the
    /// first, so a double-submitted form arrives at the same id again.
    /// </summary>
    public static string IdFor(string firstId, int attempt) => attempt == 0 ? firstId
        : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(firstId + "|" + attempt)))[..firstId.Length];

    public static string TierTitle(SupportTier tier) => tier switch
    {
        SupportTier.Local => "Local (unit/department) support",
        SupportTier.PeerSupporter => "A trained peer supporter",
        SupportTier.Expedited => "Expedited referral",
        _ => "Not sure yet",
    };
}
