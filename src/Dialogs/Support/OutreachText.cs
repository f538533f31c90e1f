namespace WellnessBot.Dialogs.Support;

/// <summary>
/// The words of outreach: a colleague's referral and a coordinator's event outreach. Warm, without blame, never
/// naming a referrer who did not choose to be named, and always leaving "no, thanks" as easy as "yes".
/// </summary>
public static class OutreachText
{
    public const int MaxNoteLength = 300, MaxLabelLength = 80;

    public const string ReferralIntro =
        "Worried about a colleague? A trained Helping Healers Heal peer supporter (a fellow clinician) can reach out to them privately. " +
        "They are free to say no thanks.";

    public static string ReferralPrivacy(string who) =>
        $"{who} is never told it was you unless you turn on the option below. The supporter who takes it sees your sentence; " +
        "the H3 coordinators can see who asked. Nothing appears in any channel.";

    public const string NamedToggle = "You may tell them it was me";
    public const string UrgentToggle = "This is urgent: please reach out as soon as possible";
    public const string NoteLabel = "Anything the supporter should know first? (optional, one sentence)";

    /// <summary>
    /// The answer to every referral, new or for someone already in H3's hands: the same words, so a referrer never
    /// learns from them whether a colleague had already asked for support.
    /// </summary>
    public static string ReferralReceived(string who) => ReferralAlreadyInHand(who);

    /// <summary>When H3 already has the person in hand: thanked, and nothing said about why or by whom.</summary>
    public static string ReferralAlreadyInHand(string who) =>
        $"Thank you for looking out for {who}. 💙 Helping Healers Heal will make sure someone reaches out to them; what they talk about stays between them. " +
        $"If {who} is in danger right now, call **911**, or **988** (Suicide & Crisis Lifeline) for advice.";

    public const string ReferralTaken = "A trained peer supporter has taken your request and will reach out to your colleague. Thank you for looking out for them. 💙";

    public const string ReferralWithCoordinator = "No peer supporter was free, so an H3 coordinator has your request and will reach out to your colleague. Thank you. 💙";

    public const string ReferralStillReaching =
        "No peer supporter was free just now, and I haven't been able to reach an H3 coordinator yet. I'm still trying. " +
        "If your colleague is in danger right now, call **911**, or **988** (Suicide & Crisis Lifeline).";

    /// <summary>To the person outreach is for, once someone has it: who will reach out, and a no-thanks in one tap.</summary>
    public static string ToPerson(SupportRequest request, string personName, string reachingOut, bool coordinator)
    {
        var who = coordinator ? $"**{reachingOut}**, an H3 coordinator," : $"**{reachingOut}**, a trained H3 peer supporter (a fellow clinician),";
        var why = request.Kind == SupportKind.Event
            ? "Difficult events at work affect everyone involved, and feeling shaken afterwards is a normal human response, not a weakness. " +
              "Helping Healers Heal offers support to everyone involved, as a matter of course, with no judgement about what happened. "
            : request.ReferrerNamed && request.Details?.ReferrerName is { Length: > 0 } referrer
                ? $"{referrer} asked Helping Healers Heal to check in with you, because they care about how you're doing. "
                : "A colleague who cares about how you're doing asked Helping Healers Heal to check in with you. ";
        return $"Hi {FirstName(personName)}. {why}{who} will reach out to you privately: just a conversation, in confidence, nothing to prepare. " +
               "If now isn't a good time, that's completely fine: tap **Thanks, not now** and nobody will follow up about this.";
    }

    public const string NotNowButton = "Thanks, not now";

    public const string NotNowConfirmed =
        "Understood, and thank you for letting us know. Nobody will reach out about this. If you'd ever like to talk, type **support** any time. 💙";

    public static string NotNowToSupporter(string reference) =>
        $"The colleague for support request {reference} has said \"thanks, not now\", so there is no need to reach out. The request is closed. Thank you. 💙";

    public const string NotForYou = "This offer of support is for someone else, so there's nothing to do here.";

    public const string AlreadyClosed = "That offer of support is already closed. If you'd like to talk, type **support** any time.";

    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "there";
}
