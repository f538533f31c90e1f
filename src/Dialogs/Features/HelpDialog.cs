using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Features;

/// <summary>"help" anywhere: what the bot can do for this person (coordinator commands only for coordinators).</summary>
public sealed class HelpDialog(ProgramSettings program, RouteTable routes) : IDialog
{
    public const string Command = "help";
    public const string CardKind = "help";

    public string Name => Command;

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        await dialog.Context.ReplyAsync(BotMessage.Show(Build(routes, program.IsCoordinator(dialog.Turn.From))), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    public static Card Build(RouteTable routes, bool coordinator) => new(CardKind)
    {
        Title = "Here's what I can do",
        Summary = "WellnessBot help: kudos, support, resources",
        Body =
        [
            new FactSet(routes.Routes
                .Where(r => r.HelpText is not null && (coordinator || !r.CoordinatorsOnly))
                .Select(r => new Fact(r.Command, r.HelpText!))
                .ToList()),
            new TextBlock("Type **cancel** at any point to stop what we're doing.", TextStyle.Subtle),
            new TextBlock(Safety.SafetyReplies.CrisisLine, TextStyle.Attention),
        ],
    };
}
