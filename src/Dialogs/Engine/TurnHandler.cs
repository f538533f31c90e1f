using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Engine;

/// <summary>
/// Every turn from every channel comes through here: welcome, the words that work at any step (cancel, help),
/// an unfinished dialog continuing, or a new intent from the route table. Channel adapters call it; it never
/// sees channel JSON.
/// </summary>
public sealed partial class TurnHandler(
    IServiceProvider services,
    RouteTable routes,
    DialogStateStore states,
    Safety.SafetyNet safety,
    CrisisHelp crisisHelp,
    ProgramSettings program,
    ILogger<TurnHandler> logger)
{
    private static readonly HashSet<string> CancelWords = new(StringComparer.OrdinalIgnoreCase)
        { "cancel", "stop", "quit", "never mind", "nevermind" };

    public async Task HandleAsync(ITurnContext context, CancellationToken ct)
    {
        try
        {
            await HandleCoreAsync(context, ct).ConfigureAwait(false);
        }
        catch (TableStoreException ex) when (ex is not TableValidationException)
        {
            BotMetrics.Error("store");
            // Nothing half-written: state is only saved after a dialog's step finishes.
            LogStoreFailure(logger, ex.ErrorCode, ex.GetType().Name);
            await context.ReplyPrivatelyAsync(BotMessage.Say(Replies.StoreUnavailable), ct).ConfigureAwait(false);
        }
    }

    private async Task HandleCoreAsync(ITurnContext context, CancellationToken ct)
    {
        var turn = context.Turn;
        var (signal, done) = await OpenAsync(context, ct).ConfigureAwait(false);
        if (done) return;
        var crisis = signal == Safety.SafetySignal.Crisis;

        var saved = await states.LoadAsync(turn.Conversation, turn.From, ct).ConfigureAwait(false);
        var text = turn.Text.Trim();
        if (turn.Submission is null && CancelWords.Contains(text.TrimStart('/')))
        {
            await CancelAsync(context, saved, ct).ConfigureAwait(false);
            return;
        }

        // A card's button belongs to the dialog named in its action id ("kudos.submit").
        if (turn.Submission is { } submission && routes.ForDialogName(DialogNameOf(submission.ActionId)) is { } owner)
        {
            await ContinueOwnerAsync(context, Resolve(owner), saved, ct).ConfigureAwait(false);
            return;
        }

        var match = routes.Match(text);
        if (match is { Route.Command: HelpDialog.Command } && saved is { OnHold: false })
        {
            await Resolve(match.Value.Route).StartAsync(new DialogContext(context, null), "", ct).ConfigureAwait(false);
            await context.ReplyAsync(BotMessage.Say(Replies.StillInDialog), ct).ConfigureAwait(false);
            return;
        }

        if (match is null && saved is { OnHold: false })
        {
            await ContinueWaitingAsync(context, saved, crisis, ct).ConfigureAwait(false);
            return;
        }

        if (match is not { } found)
        {
            await AnswerUnroutedAsync(context, signal, text, ct).ConfigureAwait(false);
            return;
        }

        if (found.Route.CoordinatorsOnly && !program.IsCoordinator(turn.From))
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say(Replies.CoordinatorsOnly), ct).ConfigureAwait(false);
            return;
        }

        var started = Resolve(found.Route);
        var result = await started.StartAsync(new DialogContext(context, null), found.Argument, ct).ConfigureAwait(false);
        await SaveAsync(context, started, result, saved, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// What comes before everything else: the welcome; then the safety net, whatever the message is (crisis wording
    /// gets real help, privately, at once); then what the edge could not act on. Done when the turn ends there.
    /// </summary>
    private async Task<(Safety.SafetySignal Signal, bool Done)> OpenAsync(ITurnContext context, CancellationToken ct)
    {
        var turn = context.Turn;
        BotMetrics.Turn(turn.From.Channel, turn.IsWelcome ? "welcome" : turn.Submission is { } s ? DialogNameOf(s.ActionId) : routes.Match(turn.Text)?.Route.Command ?? "other");
        if (turn.IsWelcome)
        {
            await context.ReplyAsync(WelcomeMessage.Build(program), ct).ConfigureAwait(false);
            return (Safety.SafetySignal.None, true);
        }
        var signal = safety.Check(turn.Submission is { } form ? string.Join(" ", form.Values.Values) : turn.Text);
        if (signal == Safety.SafetySignal.Crisis) await crisisHelp.RespondAsync(context, ct).ConfigureAwait(false);
        if (turn.EdgeProblem is not { } problem) return (signal, false);
        await context.ReplyPrivatelyAsync(BotMessage.Say(problem), ct).ConfigureAwait(false);
        return (signal, true);
    }

    private async Task ContinueOwnerAsync(ITurnContext context, IDialog dialog, SavedDialog? saved, CancellationToken ct)
    {
        var state = saved?.Name == dialog.Name && saved.Version == dialog.StateVersion ? saved : null;
        var outcome = await dialog.ContinueAsync(new DialogContext(context, state?.StateJson), ct).ConfigureAwait(false);
        await SaveAsync(context, dialog, outcome, saved, ct).ConfigureAwait(false);
    }

    private async Task CancelAsync(ITurnContext context, SavedDialog? saved, CancellationToken ct)
    {
        if (saved is null)
        {
            await context.ReplyAsync(BotMessage.Say(Replies.NothingToCancel), ct).ConfigureAwait(false);
            return;
        }
        await states.ForgetAsync(context.Turn.Conversation, context.Turn.From, saved.ETag, ct).ConfigureAwait(false);
        await context.ReplyAsync(BotMessage.Say(Replies.Cancelled), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The next message for a waiting dialog. A crisis message is never fed to it: the dialog is put aside, and
    /// the person is asked (after the crisis help) whether to go on with it, so nothing is saved unasked.
    /// </summary>
    private async Task ContinueWaitingAsync(ITurnContext context, SavedDialog saved, bool crisis, CancellationToken ct)
    {
        var turn = context.Turn;
        var dialog = routes.ForDialogName(saved.Name) is { } route ? Resolve(route) : null;
        if (dialog is null || saved.Version != dialog.StateVersion)
        {
            // Stored by an older version of the bot (or a dialog that no longer exists): start over, kindly.
            await states.ForgetAsync(turn.Conversation, turn.From, saved.ETag, ct).ConfigureAwait(false);
            await context.ReplyAsync(BotMessage.Say(Replies.StartOver), ct).ConfigureAwait(false);
            return;
        }
        if (crisis)
        {
            if (await states.HoldAsync(turn.Conversation, turn.From, saved, ct).ConfigureAwait(false))
                await context.ReplyPrivatelyAsync(dialog.PutAside(new DialogContext(context, saved.StateJson)), ct).ConfigureAwait(false);
            return;
        }
        var outcome = await dialog.ContinueAsync(new DialogContext(context, saved.StateJson), ct).ConfigureAwait(false);
        await SaveAsync(context, dialog, outcome, saved, ct).ConfigureAwait(false);
    }

    /// <summary>No command and nothing waiting: the resource finder answers plain words, distress gets a gentle offer.</summary>
    private async Task AnswerUnroutedAsync(ITurnContext context, Safety.SafetySignal signal, string text, CancellationToken ct)
    {
        // Never answer someone in crisis with "I didn't understand", nor follow the crisis card with a list.
        if (signal == Safety.SafetySignal.Crisis) return;
        if (signal == Safety.SafetySignal.Distress)
            await context.ReplyPrivatelyAsync(Safety.SafetyReplies.Distress(), ct).ConfigureAwait(false);
        // Plain words ("money advice", "I'm burned out") are a question for the resource finder.
        var answered = context.Turn.Submission is null && text.Length > 0
            && await services.GetRequiredService<ResourcesDialog>().AnswerAsync(context, text, crisis: false, ct).ConfigureAwait(false);
        if (!answered && signal != Safety.SafetySignal.Distress)
            await context.ReplyPrivatelyAsync(HelpDialog.NotUnderstood(text), ct).ConfigureAwait(false);
    }

    private async Task SaveAsync(ITurnContext context, IDialog dialog, DialogOutcome outcome, SavedDialog? saved, CancellationToken ct)
    {
        var turn = context.Turn;
        if (!outcome.IsWaiting)
        {
            if (saved is not null)
                await states.ForgetAsync(turn.Conversation, turn.From, saved.ETag, ct).ConfigureAwait(false);
            return;
        }
        var lifetime = TimeSpan.FromMinutes(program.DialogExpiryMinutes);
        if (!await states.SaveAsync(turn.Conversation, turn.From, dialog.Name, dialog.StateVersion, outcome.StateJson!, lifetime, saved, ct).ConfigureAwait(false))
            await context.ReplyAsync(BotMessage.Say(Replies.Raced), ct).ConfigureAwait(false);
    }

    private IDialog Resolve(Route route) => (IDialog)services.GetRequiredService(route.Dialog);

    private static string DialogNameOf(string actionId)
    {
        var dot = actionId.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? actionId : actionId[..dot];
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Turn failed because the table store is unavailable ({ErrorCode}, {Exception})")]
    private static partial void LogStoreFailure(ILogger logger, string errorCode, string exception);
}
