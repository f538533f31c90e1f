using System.Text.Json;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Engine;

/// <summary>
/// Something a person does with the bot, in one turn (help) or several (giving kudos with a form). Its state
/// between turns is a typed record stored with a version; an unknown version restarts politely.
/// </summary>
public interface IDialog
{
    /// <summary>Stored with the state and used as the prefix of the dialog's card action ids ("kudos.submit").</summary>
    string Name { get; }

    /// <summary>Bump when the state record changes shape; older stored states are then discarded politely.</summary>
    int StateVersion => 1;

    /// <summary>A new start: <paramref name="argument"/> is the text after the command word ("@Sam thanks!" for "kudos @Sam thanks!").</summary>
    Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct);

    /// <summary>The next message or card submission while this dialog is waiting.</summary>
    Task<DialogOutcome> ContinueAsync(DialogContext dialog, CancellationToken ct) => Task.FromResult(DialogOutcome.End);

    /// <summary>
    /// A crisis message came while this dialog waited: it is put aside (never fed the message) and the person is
    /// asked, after the crisis help, whether to go on with it. The question, with the dialog's own buttons.
    /// </summary>
    BotMessage PutAside(DialogContext dialog) => BotMessage.Say(Replies.PutAside);
}

/// <summary>A dialog's answer to a turn: finished, or waiting for the next turn with this state.</summary>
public sealed record DialogOutcome
{
    private DialogOutcome(string? stateJson) => StateJson = stateJson;

    internal string? StateJson { get; }
    public bool IsWaiting => StateJson is not null;

    public static DialogOutcome End { get; } = new((string?)null);

    /// <summary>
    /// The turn was not for whatever dialog waits (a reaction, a form from another draft): that one waits on as it was.
    /// </summary>
    public static DialogOutcome Untouched { get; } = new((string?)null) { LeavesStateAlone = true };

    internal bool LeavesStateAlone { get; private init; }

    public static DialogOutcome Wait<TState>(TState state) where TState : class =>
        new(JsonSerializer.Serialize(state, DialogJson.Options));
}

/// <summary>The turn as a dialog sees it: the context to reply through, and its stored state if it is continuing.</summary>
public sealed class DialogContext(ITurnContext context, string? stateJson)
{
    public ITurnContext Context { get; } = context;
    public Turn Turn => Context.Turn;

    /// <summary>The state saved by the last <see cref="DialogOutcome.Wait{TState}"/>, or null on a fresh start.</summary>
    public TState? State<TState>() where TState : class =>
        stateJson is null ? null : JsonSerializer.Deserialize<TState>(stateJson, DialogJson.Options);
}

internal static class DialogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
