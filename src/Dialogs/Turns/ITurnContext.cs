using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Turns;

/// <summary>How a dialog answers: to the turn's conversation, or privately to its sender.</summary>
public interface ITurnContext
{
    Turn Turn { get; }

    /// <summary>Replies in the conversation the turn came from. Returns the channel's id for the message.</summary>
    Task<string?> ReplyAsync(BotMessage message, CancellationToken ct = default);

    /// <summary>
    /// Says something only the sender sees: in a direct chat that is a reply; in a group or channel it is a
    /// private message (Teams DM, Slack ephemeral), and nothing appears in the shared conversation. Returns false
    /// when it could not be delivered (the 1:1 chat could not be created, the DM was refused).
    /// </summary>
    Task<bool> ReplyPrivatelyAsync(BotMessage message, CancellationToken ct = default);
}

/// <summary>Where a private message landed: its chat and the channel's id for it (Teams activity id, Slack ts).</summary>
public sealed record SentMessage(string ConversationId, string MessageId);

/// <summary>Messages sent later, outside any turn: notes to colleagues, digest posts, reminders.</summary>
public interface IProactiveMessenger
{
    /// <summary>
    /// Sends a private message to a person the bot has seen. Returns where it landed, so it can be updated later;
    /// null when they cannot be reached (never installed, blocked).
    /// </summary>
    Task<SentMessage?> SendToUserAsync(UserRef user, BotMessage message, CancellationToken ct = default);

    /// <summary>
    /// Replaces a private message sent earlier (Teams: update activity; Slack: chat.update), as when a support offer's
    /// details are taken back. False when it is gone (deleted, or the chat with it); throws when the channel fails.
    /// </summary>
    Task<bool> UpdateUserMessageAsync(UserRef user, SentMessage sent, BotMessage message, CancellationToken ct = default);

    /// <summary>Posts in a conversation the bot has been part of; returns the message id, or null when it cannot.</summary>
    Task<string?> SendToConversationAsync(ConversationRef conversation, BotMessage message, CancellationToken ct = default);
}
