using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Resources;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>The cards of outreach: the referral form, the note to the person outreach is for, and the supporters' guide.</summary>
public static class OutreachCards
{
    public const string ReferralFormKind = "support-referral-form";
    public const string OutreachKind = "support-outreach";
    public const string GuideKind = "support-guide";

    public const string PersonInput = "person", NamedInput = "named";

    /// <summary>"support for @Ben": <paramref name="person"/> known from the mention; otherwise the form asks who.</summary>
    public static Card ReferralForm(string draftId, UserRef? person, FormProblem? problem = null, IReadOnlyDictionary<string, string>? previous = null)
    {
        string? Prev(string id) => previous is not null && previous.TryGetValue(id, out var v) ? v : null;
        var data = new Dictionary<string, string> { ["draft"] = draftId };
        if (person is not null) { data[PersonInput] = person.Id; data["personName"] = person.Name; }
        var who = person?.Name ?? "They";
        var body = new List<CardElement> { new TextBlock(OutreachText.ReferralIntro) };
        if (person is null) body.Add(new PeoplePicker(PersonInput, "Who are you worried about?") { Multiple = false, Required = true, ErrorMessage = "Pick the colleague you're worried about." });
        else body.Add(new TextBlock($"Asking for someone to reach out to **{person.Name}**."));
        body.AddRange(
        [
            new TextInput(SupportCards.NoteInput, OutreachText.NoteLabel) { MaxLength = OutreachText.MaxNoteLength, Value = Prev(SupportCards.NoteInput), Placeholder = SupportText.NoteWarning },
            new TextBlock("⚠️ " + SupportText.NoteWarning, TextStyle.Subtle),
            new ToggleInput(SupportCards.UrgentInput, OutreachText.UrgentToggle) { Value = Prev(SupportCards.UrgentInput) == "true" },
            new ToggleInput(NamedInput, OutreachText.NamedToggle) { Value = Prev(NamedInput) == "true" },
            new TextBlock(OutreachText.ReferralPrivacy(who), TextStyle.Subtle),
            new TextBlock("If someone is in danger right now, call **911**. For advice, call or text **988** (Suicide & Crisis Lifeline).", TextStyle.Subtle),
        ]);
        return new Card(ReferralFormKind)
        {
            Title = "Worried about a colleague?",
            Summary = "Ask privately for a Helping Healers Heal peer supporter to reach out to a colleague.",
            Body = body.WithProblem(problem),
            Actions = [new SubmitAction("Ask H3 to reach out", Features.ReferralDialog.SubmitAction) { Data = data, Style = ActionStyle.Positive }],
        };
    }

    public const string EventFormKind = "support-event-form";
    public const string PeopleInput = "people", LabelInput = "label";

    /// <summary>
    /// "h3 event new": the coordinators' private way to record an event, picking people instead of mentioning them
    /// in a channel (where everyone would read who was involved).
    /// </summary>
    public static Card EventForm(string draftId, FormProblem? problem = null) => new(EventFormKind)
    {
        Title = "Offer support after a difficult event",
        Summary = "Record who was involved; each is offered peer support privately, as an offer they can decline.",
        Body = new CardElement[]
        {
            new TextBlock("Who was involved? Each person is offered peer support privately, warmly and without blame, and can decline in one tap."),
            new PeoplePicker(PeopleInput, "Colleagues involved") { Required = true, ErrorMessage = "Pick at least one colleague." },
            new TextInput(LabelInput, "A short label for your records (optional)") { MaxLength = OutreachText.MaxLabelLength, Placeholder = "e.g. code on 4 West, Tuesday night" },
            new TextBlock("⚠️ " + SupportText.NoteWarning, TextStyle.Subtle),
        }.WithProblem(problem),
        Actions = [new SubmitAction("Offer support", Features.PeerSupportCommands.EventAction) { Data = new Dictionary<string, string> { ["draft"] = draftId }, Style = ActionStyle.Positive }],
    };

    /// <summary>To the person outreach is for, once a supporter or coordinator has it, with a one-tap "Thanks, not now".</summary>
    public static Card Outreach(SupportRequest request, string personName, string reachingOut, bool coordinator) => new(OutreachKind)
    {
        Title = "Someone from Helping Healers Heal will reach out 💙",
        Summary = "A Helping Healers Heal peer supporter would like to check in with you.",
        Body =
        [
            new TextBlock(OutreachText.ToPerson(request, personName, reachingOut, coordinator)),
            new TextBlock(Safety.SafetyReplies.CrisisLine, TextStyle.Subtle),
        ],
        Actions = [new SubmitAction(OutreachText.NotNowButton, Features.SupportDialog.NotNowAction) { Data = new Dictionary<string, string> { ["request"] = request.Id } }],
    };

    /// <summary>The approach guide, from the offer card's "How to approach".</summary>
    public static Card Guide(SupporterGuide guide) => new(GuideKind)
    {
        Title = "Reaching out: a short guide",
        Summary = "How to approach a colleague as an H3 peer supporter.",
        Body = [new TextBlock(guide.Text)],
        Actions = guide.Link is { IsPlaceholder: false } link && Uri.TryCreate(link.Value, UriKind.Absolute, out var url) ? [new OpenUrlAction("The full guide", url)] : [],
    };

    /// <summary>The offer card's buttons for the guide: always the guide itself, and the program's link when it has one.</summary>
    public static IEnumerable<CardAction> GuideButtons(SupporterGuide guide, string requestId)
    {
        yield return new SubmitAction("How to approach", Features.PeerSupportCommands.GuideAction) { Data = new Dictionary<string, string> { ["request"] = requestId } };
        if (guide.Link is { IsPlaceholder: false } link && Uri.TryCreate(link.Value, UriKind.Absolute, out var url))
            yield return new OpenUrlAction("Approach guide (link)", url);
    }
}
