using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Features;

/// <summary>The hello when the bot is installed or someone first opens it (the route table's welcome).</summary>
public sealed class WelcomeDialog(ProgramSettings program) : IDialog
{
    public string Name => "welcome";

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        await dialog.Context.ReplyAsync(WelcomeMessage.Build(program), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }
}

/// <summary>The welcome card.</summary>
public static class WelcomeMessage
{
    public const string CardKind = "welcome";

    public static BotMessage Build(ProgramSettings program) => BotMessage.Show(new Card(CardKind)
    {
        Title = "Hi, I'm WellnessBot 👋",
        Summary = $"WellnessBot for {program.Name}",
        Body =
        [
            new TextBlock($"I help the residents and fellows of {program.Name} look after each other:"),
            new FactSet(
            [
                new Fact("kudos", "Thank a colleague, or highlight yourself, for the monthly program breakfast."),
                new Fact("support", "Ask privately for a trained Helping Healers Heal peer supporter."),
                new Fact("resources", "Find counseling, childcare, financial advice and more."),
            ]),
            new TextBlock("Support requests are private: only your peer supporter and the program coordinators ever see them.", TextStyle.Subtle),
            new TextBlock(Safety.SafetyReplies.NotACrisisService, TextStyle.Attention),
            new TextBlock("Type **help** at any time."),
        ],
        Actions = [Resources.ResourceCards.MenuButton()],
    });
}
