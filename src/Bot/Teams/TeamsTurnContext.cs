using System.Text.Json.Nodes;
using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Teams;

/// <summary>Answers one incoming activity: replies in its conversation, private replies as 1:1 messages.</summary>
public sealed class TeamsTurnContext(Turn turn, Activity activity, BotConnectorClient connector, IProactiveMessenger messenger) : ITurnContext
{
    public Turn Turn { get; } = turn;

    /// <summary>For Action.Execute invokes: the card that replaces the one whose button was pressed.</summary>
    public JsonObject? RefreshedCard { get; private set; }

    public async Task<string?> ReplyAsync(BotMessage message, CancellationToken ct = default)
    {
        var outgoing = OutgoingActivity.From(message);
        var sent = activity.Type is ActivityTypes.Message or ActivityTypes.Invoke && activity.Id is not null
            ? await connector.ReplyToActivityAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.Id, outgoing, ct).ConfigureAwait(false)
            : await connector.SendToConversationAsync(activity.ServiceUrl!, activity.Conversation!.Id!, outgoing, ct).ConfigureAwait(false);
        return sent.Id;
    }

    public async Task UpdateAsync(string messageId, BotMessage message, CancellationToken ct = default)
    {
        if (activity.Type == ActivityTypes.Invoke && messageId == activity.ReplyToId && message.Card is { } card)
        {
            RefreshedCard = AdaptiveCardRenderer.Render(card); // Teams swaps the card in place from the invoke response
            return;
        }
        await connector.UpdateActivityAsync(activity.ServiceUrl!, activity.Conversation!.Id!, messageId, OutgoingActivity.From(message), ct).ConfigureAwait(false);
    }

    public async Task<bool> ReplyPrivatelyAsync(BotMessage message, CancellationToken ct = default)
    {
        if (Turn.Conversation.IsPrivate)
        {
            await ReplyAsync(message, ct).ConfigureAwait(false);
            return true;
        }
        // Never in the shared conversation: a 1:1 message, or nothing (and the caller is told).
        return await messenger.SendToUserAsync(Turn.From, message, ct).ConfigureAwait(false);
    }
}
