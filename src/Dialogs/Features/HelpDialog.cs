using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// "help" anywhere: what the bot can do for this person. Everyone sees kudos, support, resources and help; H3 peer
/// supporters (on the roster) also see theirs, coordinators (<see cref="ProgramSettings.IsCoordinator"/>) theirs.
/// </summary>
public sealed class HelpDialog(ProgramSettings program, RouteTable routes, PeerRoster roster) : IDialog
{
    public const string Command = "help";
    public const string CardKind = "help";

    public string Name => Command;

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        var me = dialog.Turn.From;
        var supporter = await roster.GetAsync(me, ct).ConfigureAwait(false) is not null;
        await dialog.Context.ReplyAsync(BotMessage.Show(Build(routes, supporter, program.IsCoordinator(me))), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    public static Card Build(RouteTable routes, bool supporter, bool coordinator) => new(CardKind)
    {
        Title = "Here's what I can do",
        Summary = "WellnessBot help: kudos, support, resources",
        Body =
        [
            new FactSet(routes.Routes
                .SelectMany(r => r.Help.Select(line => (r.Command, Line: line)))
                .Where(h => h.Line.For switch
                {
                    Audience.PeerSupporters => supporter,
                    Audience.Coordinators => coordinator,
                    _ => true,
                })
                .Select(h => new Fact(h.Line.Title ?? h.Command, h.Line.Text))
                .ToList()),
            new TextBlock("Type **cancel** at any point to stop what we're doing.", TextStyle.Subtle),
            new TextBlock(Safety.SafetyReplies.CrisisLine, TextStyle.Attention),
        ],
    };
}
