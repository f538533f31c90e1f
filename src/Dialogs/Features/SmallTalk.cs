using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Features;

/// <summary>"thanks", "ok", "bye": a short, warm answer (rather than a resource search or "I didn't understand").</summary>
public sealed class SmallTalk : IDialog
{
    public const string Command = "smalltalk";

    public string Name => Command;

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        var bye = dialog.Turn.Text.Contains("bye", StringComparison.OrdinalIgnoreCase) || dialog.Turn.Text.Contains("night", StringComparison.OrdinalIgnoreCase);
        await dialog.Context.ReplyPrivatelyAsync(BotMessage.Say(bye ? "Take care! 💙 I'm here whenever you need me." : "You're welcome! 💙 Type **help** any time."), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }
}
