using System.Globalization;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Support;

/// <summary>The cards of the peer-support flow. Action ids start with the owning dialog's name ("support.", "h3.").</summary>
public static class SupportCards
{
    public const string FormKind = "support-form";
    public const string ConfirmationKind = "support-confirmation";
    public const string OfferKind = "support-offer";
    public const string EscalationKind = "support-escalation";
    public const string DetailsKind = "support-details";

    public const string TierInput = "tier", NoteInput = "note", ContactByInput = "contactBy", ContactInfoInput = "contactInfo",
        ContactWhenInput = "contactWhen", DepartmentInput = "department", UrgentInput = "urgent";

    public static Card Form(string draftId, FormProblem? problem = null, IReadOnlyDictionary<string, string>? previous = null)
    {
        string? Prev(string id) => previous is not null && previous.TryGetValue(id, out var v) ? v : null;
        var body = new List<CardElement>
        {
            new TextBlock(SupportText.Intro),
            new TextBlock(SupportText.Confidentiality, TextStyle.Subtle),
        };
        body.AddRange(
        [
            new ChoiceInput(TierInput, "What kind of support would help?",
            [
                new Choice("Local support from my unit or department", "local"),
                new Choice("A trained peer supporter", "peer"),
                new Choice("An expedited referral (counseling, mental health)", "expedited"),
                new Choice("Not sure: let the peer supporter help me choose", "notsure"),
            ]) { Value = Prev(TierInput) ?? "peer" },
            new TextInput(NoteInput, "Anything you'd like them to know first? (optional)")
            {
                Multiline = true, MaxLength = SupportText.MaxNoteLength, Value = Prev(NoteInput),
                Placeholder = SupportText.NoteWarning,
            },
            new TextBlock("⚠️ " + SupportText.NoteWarning, TextStyle.Subtle),
            new ChoiceInput(ContactByInput, "How would you like to be contacted?",
            [
                new Choice("Chat (here in Teams/Slack)", "chat"),
                new Choice("Phone", "phone"),
                new Choice("In person", "in person"),
            ]) { Value = Prev(ContactByInput) ?? "chat" },
            new TextInput(ContactInfoInput, "Phone number or where to find you (optional)") { MaxLength = 200, Value = Prev(ContactInfoInput) },
            new TextInput(ContactWhenInput, "When suits you? (optional)") { Placeholder = "e.g. after 5pm today, tomorrow morning", MaxLength = 200, Value = Prev(ContactWhenInput) },
            new TextInput(DepartmentInput, "Your department or unit (optional, so we can offer someone from elsewhere)") { MaxLength = 100, Value = Prev(DepartmentInput) },
            new ToggleInput(UrgentInput, "This is urgent: I'd like someone to reach out as soon as possible") { Value = Prev(UrgentInput) == "true" },
            new TextBlock(Safety.SafetyReplies.CrisisLine, TextStyle.Subtle),
        ]);
        return new Card(FormKind)
        {
            Title = "Talk to a peer supporter",
            Summary = "Ask privately for a Helping Healers Heal peer supporter.",
            Body = body.WithProblem(problem),
            Actions =
            [
                new SubmitAction("Send my request", Features.SupportDialog.SubmitAction) { Data = new Dictionary<string, string> { ["draft"] = draftId }, Style = ActionStyle.Positive },
                new SubmitAction("Worried about someone else?", Features.ReferralDialog.StartAction),
            ],
        };
    }

    public static Card Confirmation(SupportRequest request, SupportSettings settings) => new(ConfirmationKind)
    {
        Title = "Your request is on its way 💙",
        Summary = "Your support request is in; a trained peer supporter will reach out.",
        Body =
        [
            new TextBlock(request.AwaitingCoordinator ? SupportText.StillReachingCoordinator
                : request.Status == SupportStatus.Escalated ? SupportText.EscalatedToRequester(request.EscalatedTo?.Name ?? "an H3 coordinator")
                : SupportText.Received(request.Urgent, settings)),
            new FactSet(
            [
                new Fact("Support", SupportRequest.TierTitle(request.Tier)),
                new Fact("Contact", Contact(request.Details)),
                new Fact("Urgent", request.Urgent ? "Yes" : "No"),
                new Fact("Reference", request.Reference),
            ]),
            new TextBlock(SupportText.WhoSeesWhat, TextStyle.Subtle),
            new TextBlock(SupportText.ChangeYourMind, TextStyle.Subtle),
            new TextBlock("Meanwhile, counseling and other services are a click away: **resources**.", TextStyle.Subtle),
            new TextBlock(Safety.SafetyReplies.CrisisLine),
        ],
        Actions =
        [
            .. Safety.SafetyReplies.Call988,
            Resources.ResourceCards.MenuButton(),
        ],
    };

    /// <summary>To the supporter being asked: who, how to reach them, the note, the approach guide, and Accept / Decline.</summary>
    public static Card Offer(SupportRequest request, SupportDetails details, SupportSettings settings, Resources.SupporterGuide guide)
    {
        var window = settings.OfferWindow(request.Urgent);
        var data = new Dictionary<string, string> { ["request"] = request.Id };
        var what = request.Kind switch
        {
            SupportKind.Referral => "a colleague asked H3 to reach out to someone",
            SupportKind.Event => "H3 outreach after a difficult event",
            _ => "a colleague asked for peer support",
        };
        return new Card(OfferKind)
        {
            Title = request.Urgent ? "🔴 Urgent: " + what : char.ToUpperInvariant(what[0]) + what[1..],
            Summary = (request.IsOutreach ? "An H3 outreach request" : "A colleague asked for H3 peer support") + ". Please accept or decline.",
            Body =
            [
                new TextBlock((request.IsOutreach ? "Could you reach out to them? They didn't ask themselves, so go gently; they may say no thanks. " : "Could you reach out? ") +
                              $"Please accept or decline within {Duration(window)}; after that I'll ask the next supporter."),
                .. DetailFacts(request, details, forCoordinator: false),
                new TextBlock("Confidential: please don't forward or share this. Type **done** when you have connected.", TextStyle.Subtle),
            ],
            Actions =
            [
                new SubmitAction("Accept: I'll reach out", Features.PeerSupportCommands.AcceptAction) { Data = data, Style = ActionStyle.Positive },
                new SubmitAction("Decline", Features.PeerSupportCommands.DeclineAction) { Data = data },
                .. OutreachCards.GuideButtons(guide, request.Id),
            ],
        };
    }

    public static Card Escalation(SupportRequest request, SupportDetails details, Turns.UserRef named) => new(EscalationKind)
    {
        Title = request.Urgent ? "🔴 Urgent H3 request needs a coordinator" : "H3 request needs a coordinator",
        Summary = "No peer supporter accepted an H3 request; it needs a coordinator.",
        Body =
        [
            new TextBlock($"No available peer supporter accepted this request, so it is escalated to the coordinators. The requester was told **{named.Name}** will reach out."),
            .. DetailFacts(request, details, forCoordinator: true),
            new TextBlock("Confidential. Type **h3 done " + request.Reference + "** when someone has connected.", TextStyle.Subtle),
        ],
    };

    public const string RedactedKind = "support-redacted";

    /// <summary>What a card with a request's details becomes once its reader no longer has the request: nothing of it but the reference.</summary>
    public static Card Redacted(string reference, Redaction why) => new(RedactedKind)
    {
        Title = "Support request " + reference,
        Summary = "This H3 request's details are no longer shown here.",
        Body =
        [
            new TextBlock(why switch
            {
                Redaction.Erased => "This request's details were erased after the retention period, so they are no longer shown here.",
                Redaction.Closed => "This request is closed, so its details are no longer shown here. Thank you.",
                _ => "This request has moved on, so its details are no longer shown here. No need to do anything. Thank you.",
            }),
        ],
    };

    /// <summary>"h3 show": what the assigned supporter or a coordinator sees.</summary>
    public static Card Details(SupportRequest request, bool viewerIsCoordinator) => new(DetailsKind)
    {
        Title = "Support request " + request.Reference,
        Body = request.Details is { } details
            ? [.. DetailFacts(request, details, viewerIsCoordinator), new FactSet([new Fact("Status", request.Status.ToString()), new Fact("Asked", request.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))])]
            : [new TextBlock("The details of this request have been erased (retention). Only anonymous counts remain.")],
        Actions = request.Status == SupportStatus.Accepted || request.Status == SupportStatus.Escalated
            ? [new SubmitAction("Done: we've connected", Features.PeerSupportCommands.DoneAction) { Data = new Dictionary<string, string> { ["request"] = request.Id } }]
            : [],
    };

    /// <summary>The request's facts. Who referred them is shown to coordinators always, to a supporter only when the referrer chose to be named.</summary>
    private static IEnumerable<CardElement> DetailFacts(SupportRequest request, SupportDetails details, bool forCoordinator)
    {
        var facts = new List<Fact>
        {
            new(request.IsOutreach ? "Reach out to" : "From", details.RequesterName),
            new("Support wanted", SupportRequest.TierTitle(request.Tier)),
            new("Contact", Contact(details)),
            new("Urgent", request.Urgent ? "Yes" : "No"),
            new("Reference", request.Reference),
        };
        if (details.Department.Length > 0) facts.Insert(1, new Fact("Department", details.Department));
        if (request.Kind == SupportKind.Referral)
            facts.Insert(1, new Fact("Asked by", (request.ReferrerNamed || forCoordinator) && details.ReferrerName.Length > 0
                ? details.ReferrerName + (request.ReferrerNamed ? "" : " (not to be named to them)") : "A colleague (who asked not to be named)"));
        if (request.Kind == SupportKind.Event)
            facts.Insert(1, new Fact("Event", string.IsNullOrEmpty(request.EventLabel) ? "A difficult event (no label)" : request.EventLabel));
        yield return new FactSet(facts);
        if (details.Note.Length > 0) yield return new TextBlock("“" + details.Note + "”");
    }

    private static string Contact(SupportDetails? details)
    {
        if (details is null) return "—";
        var parts = new List<string> { details.ContactBy };
        if (details.ContactInfo.Length > 0) parts.Add(details.ContactInfo);
        if (details.ContactWhen.Length > 0) parts.Add(details.ContactWhen);
        return string.Join(", ", parts);
    }

    private static string Duration(TimeSpan window) =>
        window.TotalMinutes < 120 ? $"{window.TotalMinutes:0} minutes" : $"{window.TotalHours:0.#} hours";
}
