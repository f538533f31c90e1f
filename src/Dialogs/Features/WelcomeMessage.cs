using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Features;

/// <summary>The hello when the bot is installed or someone first opens it.</summary>
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
            new TextBlock("I'm not a crisis service. " + Safety.SafetyReplies.CrisisLine, TextStyle.Attention),
            new TextBlock("Type **help** at any time."),
        ],
        Actions = [Resources.ResourceCards.MenuButton()],
    });
}
