using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Tests.Dialogs;

/// <summary>A three-step dialog used only to exercise the engine (the product's own multi-turn dialogs come later).</summary>
public sealed class SurveyDialog : IDialog
{
    public sealed record SurveyState(int Step, string? Name);

    public string Name => "survey";
    public int StateVersion { get; set; } = 1;

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        await dialog.Context.ReplyAsync(BotMessage.Say("What's your name?"), ct);
        return DialogOutcome.Wait(new SurveyState(1, null));
    }

    public async Task<DialogOutcome> ContinueAsync(DialogContext dialog, CancellationToken ct)
    {
        if (dialog.Turn.Submission is { ActionId: "survey.skip" })
        {
            await dialog.Context.ReplyAsync(BotMessage.Say("Skipped the survey."), ct);
            return DialogOutcome.End;
        }
        var state = dialog.State<SurveyState>() ?? new SurveyState(1, null);
        if (state.Step == 1)
        {
            await dialog.Context.ReplyAsync(BotMessage.Say($"Thanks {dialog.Turn.Text}. Favourite colour?"), ct);
            return DialogOutcome.Wait(state with { Step = 2, Name = dialog.Turn.Text });
        }
        await dialog.Context.ReplyAsync(BotMessage.Say($"Done: {state.Name} likes {dialog.Turn.Text}."), ct);
        return DialogOutcome.End;
    }
}
