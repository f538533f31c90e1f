using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Safety;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Engine;

/// <summary>
/// Every turn from every channel comes through here, as a short ordered pipeline: each step decides one thing and
/// either answers the turn or passes it on. Channel adapters call it; it never sees channel JSON.
/// </summary>
public sealed partial class TurnHandler(
    IServiceProvider services,
    RouteTable routes,
    DialogStateStore states,
    SafetyNet safety,
    ICrisisResponse crisisHelp,
    ProgramSettings program,
    ILogger<TurnHandler> logger)
{
    /// <summary>
    /// Runs the pipeline. The store being unreachable is the only outage said as one; a write that lost a race is
    /// run again once if nothing was said yet (a rerun repeats writes, which are idempotent or ETag-checked, and
    /// proactive notes, which no step sends before a write that can race), and otherwise answered as the race it was.
    /// </summary>
    public async Task HandleAsync(ITurnContext context, CancellationToken ct)
    {
        BotMetrics.Turn(context.Turn.From.Channel, TurnName(context.Turn));
        var said = new SpeakingContext(context);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunAsync(said, ct).ConfigureAwait(false);
                return;
            }
            catch (TableStoreException ex) when (IsRace(ex) && attempt == 1 && !said.HasSpoken)
            {
                LogRetriedRace(logger, ex.GetType().Name);
            }
            catch (TableStoreException ex) when (IsRace(ex))
            {
                LogRace(logger, ex.GetType().Name);
                await context.ReplyPrivatelyAsync(BotMessage.Say(Replies.Raced), ct).ConfigureAwait(false);
                return;
            }
            catch (TableStoreException ex) when (ex is not TableValidationException)
            {
                BotMetrics.Error("store");
                // Nothing half-written: state is only saved after a dialog's step finishes.
                LogStoreFailure(logger, ex.ErrorCode, ex.GetType().Name);
                await context.ReplyPrivatelyAsync(BotMessage.Say(Replies.StoreUnavailable), ct).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>The pipeline, in the order it decides: it reads like the route table.</summary>
    private async Task RunAsync(ITurnContext context, CancellationToken ct)
    {
        if (await WelcomeAsync(context, ct).ConfigureAwait(false)) return;
        var signal = await SafetyFirstAsync(context, ct).ConfigureAwait(false);
        if (await EdgeProblemAsync(context, ct).ConfigureAwait(false)) return;

        var turn = new TurnInHand(context, signal, await states.LoadAsync(context.Turn.Conversation, context.Turn.From, ct).ConfigureAwait(false),
            routes.Match(context.Turn.Text.Trim()));
        if (await CancelAnywhereAsync(turn, ct).ConfigureAwait(false)) return;
        if (await CardOwnerAsync(turn, ct).ConfigureAwait(false)) return;
        if (await MidDialogWordsAsync(turn, ct).ConfigureAwait(false)) return;
        if (await WaitingDialogAsync(turn, ct).ConfigureAwait(false)) return;
        if (await RouteAsync(turn, ct).ConfigureAwait(false)) return;
        await FallbackAsync(turn, ct).ConfigureAwait(false);
    }

    /// <summary>What the steps after the safety net share: the turn, what the net saw, the waiting dialog, the route.</summary>
    private sealed record TurnInHand(ITurnContext Context, SafetySignal Signal, SavedDialog? Saved, (Route Route, string Argument)? Match)
    {
        public Turn Turn => Context.Turn;
        public bool Crisis => Signal == SafetySignal.Crisis;
        public bool Waiting => Saved is { OnHold: false };
    }

    private static bool IsRace(TableStoreException ex) => ex is ConcurrencyConflictException or EntityAlreadyExistsException or EntityNotFoundException;

    private string TurnName(Turn turn) =>
        turn.IsWelcome ? "welcome" : turn.Submission is { } s ? DialogNameOf(s.ActionId) : routes.Match(turn.Text)?.Route.Command ?? "other";

    private IDialog Resolve(Type dialog) => (IDialog)services.GetRequiredService(dialog);

    /// <summary>A card's button belongs to the dialog named in its action id ("kudos.submit" → kudos).</summary>
    private static string DialogNameOf(string actionId)
    {
        var dot = actionId.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? actionId : actionId[..dot];
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Turn failed because the table store is unavailable ({ErrorCode}, {Exception})")]
    private static partial void LogStoreFailure(ILogger logger, string errorCode, string exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "A turn lost a write race ({Exception}) before saying anything: running it again")]
    private static partial void LogRetriedRace(ILogger logger, string exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "A turn lost a write race ({Exception}): answered as a race")]
    private static partial void LogRace(ILogger logger, string exception);
}
