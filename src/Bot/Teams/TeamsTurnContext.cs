using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Teams;

/// <summary>Answers one incoming activity: replies in its conversation, private replies as 1:1 messages.</summary>
internal sealed class TeamsTurnContext(Turn turn, Activity activity, BotConnectorClient connector, IProactiveMessenger messenger) : ITurnContext
{
    public Turn Turn { get; } = turn;

    /// <summary>
    /// A message action runs wherever the person is, often a 1:1 chat with a colleague that the bot is not in: nothing
    /// the bot says goes there; it all goes to the person's own 1:1 with the bot.
    /// </summary>
    private bool InSomeoneElsesChat => Turn.Conversation.IsPrivate && activity.Type == ActivityTypes.Invoke
        && activity.Name?.StartsWith("composeExtension/", StringComparison.Ordinal) == true;

    public async Task<string?> ReplyAsync(BotMessage message, CancellationToken ct = default)
    {
        if (InSomeoneElsesChat) return (await messenger.SendToUserAsync(Turn.From, message, ct).ConfigureAwait(false))?.MessageId;
        var outgoing = OutgoingActivity.From(message);
        // An invoke (a message action) is not a message to reply to: its answers go to its conversation, the thread it came from.
        var sent = activity.Type is ActivityTypes.Message && activity.Id is not null
            ? await connector.ReplyToActivityAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.Id, outgoing, ct).ConfigureAwait(false)
            : await connector.SendToConversationAsync(activity.ServiceUrl!, activity.Conversation!.Id!, outgoing, ct).ConfigureAwait(false);
        return sent.Id;
    }

    public async Task<bool> ReplyPrivatelyAsync(BotMessage message, CancellationToken ct = default)
    {
        if (Turn.Conversation.IsPrivate && !InSomeoneElsesChat)
        {
            await ReplyAsync(message, ct).ConfigureAwait(false);
            return true;
        }
        // Never in the shared conversation: a 1:1 message, or nothing (and the caller is told).
        return await messenger.SendToUserAsync(Turn.From, message, ct).ConfigureAwait(false) is not null;
    }
}
