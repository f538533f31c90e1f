using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Safety;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// The App Home tab, published when someone opens it: give kudos (opens the kudos form), ask privately for support,
/// browse resources, and the kudos they received this month.
/// </summary>
internal sealed class SlackHome(SlackWebApi api, KudosStore kudos, ProgramSettings program, TimeProvider clock)
{
    public const string KudosAction = "home.kudos", SupportAction = "home.support", ResourcesAction = "home.resources";
    public const string CardKind = "slack-home";
    private const int MaxKudosShown = 40;

    /// <summary>The words a Home button stands for, as if typed.</summary>
    public static string? Shortcut(string actionId) => actionId switch
    {
        KudosAction => KudosDialog.Command,
        SupportAction => SupportDialog.Command,
        ResourcesAction => ResourcesDialog.Command,
        _ => null,
    };

    public async Task PublishAsync(string userId, CancellationToken ct)
    {
        var month = program.ThisMonth(clock);
        var received = await kudos.ReceivedAsync(new UserRef(Channels.Slack, userId, ""), month, ct).ConfigureAwait(false);
        await api.PublishHomeAsync(userId, BlockKitRenderer.Home(View(month, received)), ct).ConfigureAwait(false);
    }

    /// <summary>The tab as a card: its shortcuts, then the kudos received this month, then where crisis help is.</summary>
    public Card View(Month month, IReadOnlyList<KudosRecord> received) => new(CardKind)
    {
        Title = $"WellnessBot for {program.Name}",
        Body =
        [
            new TextBlock("Look after each other: thank a colleague for the monthly program breakfast, ask privately for a trained peer supporter, or find a service."),
            new TextBlock($"Kudos you received in {month.Title}", TextStyle.Heading),
            .. received.Count == 0 ? [new TextBlock("None yet this month. They'll show up here.")]
                : received.Take(MaxKudosShown).Select(k => (CardElement)new TextBlock($"“{k.Message}” from {(k.Anonymous ? "a colleague" : k.Giver.Name)}")),
            .. received.Count > MaxKudosShown ? [new TextBlock($"… and {received.Count - MaxKudosShown} more.")] : Array.Empty<CardElement>(),
            new TextBlock(SafetyReplies.NotACrisisService, TextStyle.Subtle),
        ],
        Actions =
        [
            new SubmitAction("Give kudos 🎉", KudosAction) { Style = ActionStyle.Positive },
            new SubmitAction("Talk to a peer supporter", SupportAction),
            new SubmitAction("Find resources", ResourcesAction),
        ],
    };
}
