using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Features;

namespace WellnessBot.Dialogs;

/// <summary>
/// Every intent the bot understands, on one screen. "/kudos …", "kudos …" and "@WellnessBot kudos …" all reach
/// the same line (the channel adapters strip the slash-command and the bot's own mention).
/// </summary>
public static class BotRoutes
{
    /// <summary>Said once to a new install or member, before anything else.</summary>
    public static Type Welcome => typeof(WelcomeDialog);

    /// <summary>Words no route claims are a question for the resource finder.</summary>
    public static Type PlainWords => typeof(ResourcesDialog);

    public static IReadOnlyList<Route> All { get; } =
    [
        new(KudosDialog.Command, typeof(KudosDialog))
        {
            Phrases = ["shout out", "shoutout", "shout-out"],
            Help = [new("Recognise a colleague (or yourself!) for the monthly program breakfast: **kudos @name thanks for…**")],
        },
        new(SupportDialog.Command, typeof(SupportDialog))
        {
            Phrases = ["peer support", "i need to talk to someone", "i need someone to talk to", "talk to someone", "helping healers heal"],
            Help = [new("Ask privately for a Helping Healers Heal peer supporter after a difficult event (**support status**, **support cancel**), " +
                        "or for one to reach out to a colleague you're worried about (**support for @name**).")],
        },
        // "support for @Ben" arrives through the support line; the referral's own form buttons come here.
        new(ReferralDialog.Command, typeof(ReferralDialog)),
        new(PeerSupportCommands.Command, typeof(PeerSupportCommands))
        {
            Help =
            [
                new("Peer supporters: **available** / **away**, **h3 requests** (what you hold), **done** (you've connected); type **h3** for all.", Audience.PeerSupporters),
                new("Coordinators: **h3 roster add @name**, **h3 roster list**, **h3 requests**, **h3 event new**, **h3 stats**; type **h3** for all.", Audience.Coordinators),
            ],
        },
        // A supporter's everyday words, straight to the same commands.
        new("available", typeof(PeerSupportCommands)),
        new("away", typeof(PeerSupportCommands)),
        new("done", typeof(PeerSupportCommands)),
        new(ResourcesDialog.Command, typeof(ResourcesDialog))
        {
            Phrases = ["resource", "find help", "find a resource"],
            Help =
            [
                new("Find wellness services: counseling, childcare, financial advice and more (**resources childcare**), or just ask."),
                new("Coordinators: the catalog in use, its last rejected edit and the fields still to fill in.", Audience.Coordinators, "resources status"),
            ],
        },
        new(SmallTalk.Command, typeof(SmallTalk))
        {
            Phrases = ["thanks", "thank you", "thank you so much", "thx", "ty", "ok", "okay", "cool", "great", "bye", "goodbye", "good night"],
            WholeMessageOnly = true,
        },
        new(HelpDialog.Command, typeof(HelpDialog))
        {
            WorksMidDialog = true,
            Phrases = ["hi", "hello", "hey", "menu", "what can you do", "?"],
            Help = [new("Show this list.")],
        },
        new(DigestCommands.Command, typeof(DigestCommands))
        {
            CoordinatorsOnly = true,
            Help = [new("Coordinators: preview, post or export the monthly recognition digest.", Audience.Coordinators)],
        },
    ];
}
