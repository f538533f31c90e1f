using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Teams;

/// <summary>Answers one incoming activity: replies in its conversation, private replies as 1:1 messages.</summary>
internal sealed class TeamsTurnContext(Turn turn, Activity activity, BotConnectorClient connector, IProactiveMessenger messenger) : ITurnContext
{
    public Turn Turn { get; } = turn;

    public async Task<string?> ReplyAsync(BotMessage message, CancellationToken ct = default)
    {
        var outgoing = OutgoingActivity.From(message);
        // An invoke (a message action) is not a message to reply to: its answers go to its conversation, the thread it came from.
        var sent = activity.Type is ActivityTypes.Message && activity.Id is not null
            ? await connector.ReplyToActivityAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.Id, outgoing, ct).ConfigureAwait(false)
            : await connector.SendToConversationAsync(activity.ServiceUrl!, activity.Conversation!.Id!, outgoing, ct).ConfigureAwait(false);
        return sent.Id;
    }

    public async Task<bool> ReplyPrivatelyAsync(BotMessage message, CancellationToken ct = default)
    {
        if (Turn.Conversation.IsPrivate)
        {
            await ReplyAsync(message, ct).ConfigureAwait(false);
            return true;
        }
        // Never in the shared conversation: a 1:1 message, or nothing (and the caller is told).
        return await messenger.SendToUserAsync(Turn.From, message, ct).ConfigureAwait(false) is not null;
    }
}
