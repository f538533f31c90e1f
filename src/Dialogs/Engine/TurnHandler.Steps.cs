using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Safety;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Engine;

/// <summary>The pipeline's steps, in order. Each returns true when it answered the turn.</summary>
public sealed partial class TurnHandler
{
    private static readonly HashSet<string> CancelWords = new(StringComparer.OrdinalIgnoreCase)
        { "cancel", "stop", "quit", "never mind", "nevermind" };

    /// <summary>A new install or member: hello, and nothing else.</summary>
    private async Task<bool> WelcomeAsync(ITurnContext context, CancellationToken ct)
    {
        if (!context.Turn.IsWelcome) return false;
        await Resolve(routes.Welcome).StartAsync(new DialogContext(context, null), "", ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Safety first, whatever the message is: crisis wording gets real help, privately, at once.</summary>
    private async Task<SafetySignal> SafetyFirstAsync(ITurnContext context, CancellationToken ct)
    {
        var turn = context.Turn;
        var signal = safety.Check(turn.Submission is { } form ? form.SendersWords : turn.Text);
        if (signal == SafetySignal.Crisis) await crisisHelp.RespondAsync(context, ct).ConfigureAwait(false);
        return signal;
    }

    /// <summary>What the edge could not act on (a mention of nobody, @here in a kudos): said instead of routing.</summary>
    private static async Task<bool> EdgeProblemAsync(ITurnContext context, CancellationToken ct)
    {
        if (context.Turn.EdgeProblem is not { } problem) return false;
        await context.ReplyPrivatelyAsync(BotMessage.Say(problem), ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>"cancel" works at any step: the waiting dialog is forgotten, nothing from it saved.</summary>
    private async Task<bool> CancelAnywhereAsync(TurnInHand turn, CancellationToken ct)
    {
        if (turn.Turn.Submission is not null || !CancelWords.Contains(turn.Turn.Text.Trim().TrimStart('/'))) return false;
        if (turn.Saved is null)
        {
            await turn.Context.ReplyAsync(BotMessage.Say(Replies.NothingToCancel), ct).ConfigureAwait(false);
            return true;
        }
        await states.ForgetAsync(turn.Turn.Conversation, turn.Turn.From, turn.Saved.ETag, ct).ConfigureAwait(false);
        await turn.Context.ReplyAsync(BotMessage.Say(Replies.Cancelled), ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>A card's button goes to the dialog that made the card, with its state if it is the one waiting.</summary>
    private async Task<bool> CardOwnerAsync(TurnInHand turn, CancellationToken ct)
    {
        if (turn.Turn.Submission is not { } submission || routes.ForDialogName(DialogNameOf(submission.ActionId)) is not { } owner) return false;
        var dialog = Resolve(owner.Dialog);
        var state = turn.Saved?.Name == dialog.Name && turn.Saved.Version == dialog.StateVersion ? turn.Saved : null;
        var outcome = await dialog.ContinueAsync(new DialogContext(turn.Context, state?.StateJson), ct).ConfigureAwait(false);
        // Another dialog's state was not this card's to end: a kudos form sent while a support request waits leaves it waiting.
        if (state is null && turn.Saved is not null && !outcome.IsWaiting) return true;
        await SaveAsync(turn, dialog, outcome, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Words that work partway through a dialog ("help"): answered, and the dialog waits on.</summary>
    private async Task<bool> MidDialogWordsAsync(TurnInHand turn, CancellationToken ct)
    {
        if (turn.Match is not { Route.WorksMidDialog: true } match || !turn.Waiting) return false;
        await Resolve(match.Route.Dialog).StartAsync(new DialogContext(turn.Context, null), "", ct).ConfigureAwait(false);
        await turn.Context.ReplyAsync(BotMessage.Say(Replies.StillInDialog), ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The next message for a waiting dialog. A crisis message is never fed to it: the dialog is put aside, and
    /// the person is asked (after the crisis help) whether to go on with it, so nothing is saved unasked.
    /// </summary>
    private async Task<bool> WaitingDialogAsync(TurnInHand turn, CancellationToken ct)
    {
        if (turn.Match is not null || turn.Saved is not { OnHold: false } saved) return false;
        var dialog = routes.ForDialogName(saved.Name) is { } route ? Resolve(route.Dialog) : null;
        if (dialog is null || saved.Version != dialog.StateVersion)
        {
            // Stored by an older version of the bot (or a dialog that no longer exists): start over, kindly.
            await states.ForgetAsync(turn.Turn.Conversation, turn.Turn.From, saved.ETag, ct).ConfigureAwait(false);
            await turn.Context.ReplyAsync(BotMessage.Say(Replies.StartOver), ct).ConfigureAwait(false);
            return true;
        }
        if (turn.Crisis)
        {
            if (await states.HoldAsync(turn.Turn.Conversation, turn.Turn.From, saved, ct).ConfigureAwait(false))
                await turn.Context.ReplyPrivatelyAsync(dialog.PutAside(new DialogContext(turn.Context, saved.StateJson)), ct).ConfigureAwait(false);
            return true;
        }
        var outcome = await dialog.ContinueAsync(new DialogContext(turn.Context, saved.StateJson), ct).ConfigureAwait(false);
        await SaveAsync(turn, dialog, outcome, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>A new intent from the route table; coordinators' routes refuse everyone else politely.</summary>
    private async Task<bool> RouteAsync(TurnInHand turn, CancellationToken ct)
    {
        if (turn.Match is not { } match) return false;
        if (match.Route.CoordinatorsOnly && !program.IsCoordinator(turn.Turn.From))
        {
            await turn.Context.ReplyPrivatelyAsync(BotMessage.Say(Replies.CoordinatorsOnly), ct).ConfigureAwait(false);
            return true;
        }
        var dialog = Resolve(match.Route.Dialog);
        var outcome = await dialog.StartAsync(new DialogContext(turn.Context, null), match.Argument, ct).ConfigureAwait(false);
        await SaveAsync(turn, dialog, outcome, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>No command and nothing waiting: plain words are a question for the route table's answerer; distress gets a gentle offer.</summary>
    private async Task FallbackAsync(TurnInHand turn, CancellationToken ct)
    {
        // Never answer someone in crisis with "I didn't understand", nor follow the crisis card with a list.
        if (turn.Crisis) return;
        if (turn.Signal == SafetySignal.Distress)
            await turn.Context.ReplyPrivatelyAsync(SafetyReplies.Distress(), ct).ConfigureAwait(false);
        var text = turn.Turn.Text.Trim();
        var answered = turn.Turn.Submission is null && text.Length > 0
            && await ((IAnswersPlainWords)Resolve(routes.PlainWords)).AnswerPlainWordsAsync(turn.Context, text, ct).ConfigureAwait(false);
        if (!answered && turn.Signal != SafetySignal.Distress)
            await turn.Context.ReplyPrivatelyAsync(BotMessage.Say(Replies.NotUnderstood), ct).ConfigureAwait(false);
    }

    private async Task SaveAsync(TurnInHand turn, IDialog dialog, DialogOutcome outcome, CancellationToken ct)
    {
        var (conversation, from) = (turn.Turn.Conversation, turn.Turn.From);
        if (outcome.LeavesStateAlone) return;
        if (!outcome.IsWaiting)
        {
            if (turn.Saved is not null) await states.ForgetAsync(conversation, from, turn.Saved.ETag, ct).ConfigureAwait(false);
            return;
        }
        var lifetime = TimeSpan.FromMinutes(program.DialogExpiryMinutes);
        if (!await states.SaveAsync(conversation, from, dialog.Name, dialog.StateVersion, outcome.StateJson!, lifetime, turn.Saved, ct).ConfigureAwait(false))
            await turn.Context.ReplyAsync(BotMessage.Say(Replies.Raced), ct).ConfigureAwait(false);
    }
}
