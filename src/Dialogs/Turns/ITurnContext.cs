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

/// <summary>Messages sent later, outside any turn: notes to colleagues, digest posts, reminders.</summary>
public interface IProactiveMessenger
{
    /// <summary>Sends a private message to a person the bot has seen; false when it cannot reach them (never installed, blocked).</summary>
    Task<bool> SendToUserAsync(UserRef user, BotMessage message, CancellationToken ct = default);

    /// <summary>Posts in a conversation the bot has been part of; returns the message id, or null when it cannot.</summary>
    Task<string?> SendToConversationAsync(ConversationRef conversation, BotMessage message, CancellationToken ct = default);
}
