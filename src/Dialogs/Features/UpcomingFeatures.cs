using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// What the bot says for intents whose dialogs have not shipped yet: an honest answer and where to go meanwhile,
/// never silence. Each is replaced by its real dialog in the route table when that ships.
/// </summary>
public abstract class UpcomingFeature(string name, string reply) : IDialog
{
    public string Name => name;

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        await dialog.Context.ReplyPrivatelyAsync(BotMessage.Say(reply), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }
}

public sealed class UpcomingResources() : UpcomingFeature("resources",
    "The resource finder is coming very soon. Meanwhile, WellConnect offers counseling, crisis services, childcare, financial advice " +
    "and more, free to all employees; your program coordinator can point you to it.");
