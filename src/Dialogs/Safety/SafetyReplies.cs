using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// Everything the bot says about crisis help, in one place so every surface says the same thing. Written to
/// safe-messaging guidance: emergency first, real national numbers, plain about being automated, no mention of
/// methods, no arguing, no questions.
/// </summary>
public static class SafetyReplies
{
    public const string CrisisCardKind = "crisis-help";

    /// <summary>The line under support and resource cards.</summary>
    public const string CrisisLine =
        "If you are in crisis or thinking about harming yourself, call or text **988** (Suicide & Crisis Lifeline). In an emergency, call **911**.";

    /// <summary>Where the bot introduces itself (the welcome, Slack's App Home): what it is not, and the numbers.</summary>
    public const string NotACrisisService = "I'm not a crisis service. " + CrisisLine;

    /// <summary>To whoever holds a request that became urgent: the numbers, without the words that were said.</summary>
    public const string RemindOfNumbers = "make sure they know about 988 and 911";

    /// <summary>Buttons that call or text 988 where the channel can (Teams on a phone; Slack shows them as text).</summary>
    public static IReadOnlyList<CardAction> Call988 { get; } =
        [new OpenUrlAction("Call 988", new Uri("tel:988")), new OpenUrlAction("Text 988", new Uri("sms:988"))];

    public const string Automated =
        "This is an automated message from a bot. It is not a crisis service, and nobody watches these messages around the clock.";

    /// <summary>The one button of the crisis card: an urgent, expedited Helping Healers Heal request in one tap.</summary>
    public const string ReachOutNowTitle = "Ask Helping Healers Heal to reach out to me now";

    /// <summary>The immediate private reply to crisis wording.</summary>
    public static BotMessage Crisis(string reachOutAction, string draftId) => BotMessage.Show(new Card(CrisisCardKind)
    {
        Title = "You don't have to go through this alone",
        Summary = "If you are in danger call 911. Call or text 988 any time.",
        Body =
        [
            new TextBlock("If you are in immediate danger, call **911** or go to the nearest emergency department."),
            new FactSet(
            [
                new Fact("988 Suicide & Crisis Lifeline", "Call or text **988**, any time, day or night."),
                new Fact("Crisis Text Line", "Text **HOME** to **741741**."),
                new Fact("Physician Support Line", "**1-888-409-0141**: free and confidential, by volunteer psychiatrists, for physicians and medical students."),
            ]),
            new TextBlock("A trained Helping Healers Heal peer supporter can reach out to you privately: press the button below."),
            new TextBlock(Automated + " Only you can see this.", TextStyle.Subtle),
        ],
        Actions =
        [
            new SubmitAction(ReachOutNowTitle, reachOutAction)
            {
                Data = new Dictionary<string, string> { ["draft"] = draftId },
                Style = ActionStyle.Positive,
            },
        ],
    });

    /// <summary>
    /// When the private reply cannot be delivered: the same numbers in the conversation where the person wrote,
    /// with no name and nothing of what they said.
    /// </summary>
    public static BotMessage NeutralResources() => BotMessage.Say(
        "If you or someone you know is struggling: in an emergency call **911**. Call or text **988** (Suicide & Crisis Lifeline) " +
        "any time, or text **HOME** to **741741** (Crisis Text Line). Physicians and medical students: Physician Support Line " +
        "**1-888-409-0141**. Type **support** to ask privately for a Helping Healers Heal peer supporter. " + Automated);

    /// <summary>The gentle offer for everyday distress.</summary>
    public static BotMessage Distress() => BotMessage.Say(
        "That sounds like a lot to carry. If it would help to talk, type **support** to reach a trained peer supporter privately, " +
        "or **resources** for counseling and other services. And if it's ever more than a rough day, you can call or text **988** any time.");
}
