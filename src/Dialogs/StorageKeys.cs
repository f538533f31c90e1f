using System.Globalization;
using System.Text;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs;

/// <summary>
/// Every table name and key the features use, built here and nowhere else, so the data model can be read on
/// one screen and ids from any channel are made safe for the store's key rules.
/// </summary>
public static class StorageKeys
{
    public const string DialogStateTable = "DialogState";
    public const string ConversationsTable = "Conversations";

    /// <summary>Tables the host creates at start-up.</summary>
    public static IReadOnlyList<string> AllTables { get; } = [DialogStateTable, ConversationsTable];

    /// <summary>A person's dialog in one conversation: one row per (conversation, person).</summary>
    public static (string PartitionKey, string RowKey) DialogState(ConversationRef conversation, UserRef user) =>
        (Escape(conversation.Key), Escape(user.Key));

    /// <summary>How to reach a person privately later (their 1:1 conversation with the bot).</summary>
    public static (string PartitionKey, string RowKey) UserAddress(UserRef user) => ("user", Escape(user.Key));
    public static (string PartitionKey, string RowKey) UserAddress(string channel, string userId) => ("user", Escape(channel + "|" + userId));

    /// <summary>How to post in a conversation later (a channel, a group chat).</summary>
    public static (string PartitionKey, string RowKey) ConversationAddress(ConversationRef conversation) => ("conversation", Escape(conversation.Key));
    public static (string PartitionKey, string RowKey) ConversationAddress(string channel, string conversationId) => ("conversation", Escape(channel + "|" + conversationId));

    /// <summary>Percent-encodes the characters table keys may not hold (/ \ # ? % and control characters).</summary>
    public static string Escape(string value)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var forbidden = c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
            if (forbidden && sb is null) sb = new StringBuilder(value, 0, i, value.Length + 8);
            if (forbidden) sb!.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else sb?.Append(c);
        }
        return sb?.ToString() ?? value;
    }
}
