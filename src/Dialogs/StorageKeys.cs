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
    public const string KudosTable = "Kudos";
    public const string DigestsTable = "Digests";
    public const string SettingsTable = "Settings";
    public const string SupportRequestsTable = "SupportRequests";
    public const string PeerRosterTable = "PeerRoster";
    public const string SupportAuditTable = "SupportAudit";
    public const string InboxTable = "TurnInbox";
    public const string OutboxTable = "Outbox";
    public const string ConsoleAuditTable = "ConsoleAudit";
    public const string CatalogTable = "Catalog";

    /// <summary>Tables the host creates at start-up.</summary>
    public static IReadOnlyList<string> AllTables { get; } =
        [DialogStateTable, ConversationsTable, KudosTable, DigestsTable, SettingsTable, SupportRequestsTable, PeerRosterTable, SupportAuditTable, InboxTable, OutboxTable, ConsoleAuditTable, CatalogTable];

    // Kudos: one partition per month, so a month's digest is a single partition read; a row per kudos.
    public static (string PartitionKey, string RowKey) Kudos(Month month, string kudosId) => (KudosMonthPartition(month), kudosId);
    public static string KudosMonthPartition(Month month) => KudosMonths + month;
    /// <summary>The month a kudos partition holds.</summary>
    public static Month KudosPartitionMonth(string partitionKey) => Month.ParseStored(partitionKey[KudosMonths.Length..]);
    /// <summary>Every month's partition starts with this.</summary>
    public const string KudosMonths = "m|";

    // Indexes point at the month row (no copies of the text, so edits leave nothing stale).
    public static (string PartitionKey, string RowKey) KudosByRecipient(UserRef recipient, Month month, string kudosId) =>
        (KudosByRecipientPartition(recipient), KudosByRecipientMonth(month) + kudosId);
    public static string KudosByRecipientMonth(Month month) => month + "|";
    /// <summary>The kudos an index row points at; null for a row not written by <see cref="KudosByRecipient"/>.</summary>
    public static (Month Month, string KudosId)? KudosPointedAt(string indexRowKey) =>
        indexRowKey.Split('|', 2) is [var month, var id] && Month.TryParseStored(month, out var m) ? (m, id) : null;
    public static string KudosByRecipientPartition(UserRef recipient) => "r|" + Escape(recipient.Key);

    // How many kudos someone gave, per hour ("g|giver" / hour's ticks, with a count): the last day is one read of at
    // most 25 small rows, however many they gave.
    // The last reaction event per reaction kudos, keyed by the kudos id (a hash: no user or message ids in the key).
    public static (string PartitionKey, string RowKey) Reaction(string kudosId) => ("reactions", kudosId);

    public static (string PartitionKey, string RowKey) KudosGivenInHour(UserRef giver, DateTimeOffset givenAt) =>
        (KudosGivenPartition(giver), HourOf(givenAt));
    public static string KudosGivenPartition(UserRef giver) => "g|" + Escape(giver.Key);
    // The hours that start at or after since: a limit errs towards letting someone give.
    public static string KudosGivenSince(DateTimeOffset since) => HourOf(since.AddTicks(TimeSpan.TicksPerHour - 1));
    private static string HourOf(DateTimeOffset at) => (at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour).ToString("D19", CultureInfo.InvariantCulture);

    // The monthly digest: its state row (lease, posted), one row per part posted per channel, per coordinator sent.
    public static string DigestPartition(Month month) => "d|" + month;
    public const string DigestStateRow = "state";
    public static string DigestPartRow(ConversationRef channel, int part) =>
        "part|" + Escape(channel.Key) + "|" + part.ToString("D3", CultureInfo.InvariantCulture);
    public static string DigestCoordinatorRow(UserRef coordinator) => "coordinator|" + Escape(coordinator.Key);

    // Settings: the program channels the digest goes to; a person's preferences.
    public static (string PartitionKey, string RowKey) ProgramChannel(ConversationRef channel) => ("program-channel", Escape(channel.Key));
    public const string ProgramChannelsPartition = "program-channel";
    public static (string PartitionKey, string RowKey) UserPreferences(UserRef user) => ("user-prefs", Escape(user.Key));

    // Support requests: one partition of requests (a program has tens a month, not thousands); their timers as an
    // index ordered by due time, so a sweep is one range read of what is due; the requester's open requests by key.
    public const string SupportRequestsPartition = "request";
    public static (string PartitionKey, string RowKey) SupportRequest(string requestId) => (SupportRequestsPartition, requestId);
    public const string SupportTimersPartition = "due";
    public static (string PartitionKey, string RowKey) SupportTimer(DateTimeOffset dueAt, string requestId) =>
        (SupportTimersPartition, dueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + requestId);
    /// <summary>Timer rows due at or before <paramref name="now"/> sort before this row key.</summary>
    public static string SupportTimersDueBefore(DateTimeOffset now) => (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);

    // Peer supporters: one row each. Audit: newest first (inverted ticks), one row per read of details.
    public const string PeerRosterPartition = "supporter";
    public static (string PartitionKey, string RowKey) PeerSupporter(UserRef supporter) => (PeerRosterPartition, Escape(supporter.Key));
    // The resource catalog: every saved version (newest first by inverted number), and the one in use.
    public const string CatalogPartition = "catalog";
    public static (string PartitionKey, string RowKey) CatalogCurrent() => (CatalogPartition, "current");
    public static (string PartitionKey, string RowKey) CatalogVersion(int version) =>
        (CatalogPartition, "v|" + (int.MaxValue - version).ToString("D10", CultureInfo.InvariantCulture));
    public const string CatalogVersionsPrefix = "v|";

    // The console's changes: a partition a month, newest first, so a month's audit is one partition read.
    public static (string PartitionKey, string RowKey) ConsoleChange(DateTimeOffset at, string uniquifier) =>
        (ConsoleChangesIn(at), (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + uniquifier);
    public static string ConsoleChangesIn(DateTimeOffset instant) => "change|" + Month.Of(instant, TimeZoneInfo.Utc);

    public const string SupportAuditPartition = "audit";
    public static (string PartitionKey, string RowKey) SupportAudit(DateTimeOffset at, string uniquifier) =>
        (SupportAuditPartition, (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + uniquifier);

    /// <summary>A person's dialog in one conversation: one row per (conversation, person).</summary>
    public static (string PartitionKey, string RowKey) DialogState(ConversationRef conversation, UserRef user) =>
        (Escape(conversation.Key), Escape(user.Key));

    /// <summary>How to reach a person privately later (their 1:1 conversation with the bot).</summary>
    public static (string PartitionKey, string RowKey) UserAddress(UserRef user) => UserAddress(user.Channel, user.Id);
    public static (string PartitionKey, string RowKey) UserAddress(string channel, string userId) => (UserAddressPartition, Escape(channel + "|" + userId));
    public const string UserAddressPartition = "user";

    /// <summary>How to post in a conversation later (a channel, a group chat).</summary>
    public static (string PartitionKey, string RowKey) ConversationAddress(ConversationRef conversation) => ConversationAddress(conversation.Channel, conversation.Id);
    public static (string PartitionKey, string RowKey) ConversationAddress(string channel, string conversationId) => ("conversation", Escape(channel + "|" + conversationId));

    /// <summary>Teams people by Azure AD object id (the people picker's answer): ("aad", "channel|aad id").</summary>
    public const string AadIndexPartition = "aad";
    public static (string PartitionKey, string RowKey) AadIndex(string channel, string aadObjectId) => (AadIndexPartition, Escape(channel + "|" + aadObjectId));

    /// <summary>A Slack form sent in a message, kept so its "Open the form" button can open it as a modal.</summary>
    public static (string PartitionKey, string RowKey) SlackForm(string formId) => ("slack-form", formId);

    /// <summary>A Slack event already handled (Slack retries deliveries; the event id stays the same).</summary>
    public static (string PartitionKey, string RowKey) SlackEvent(string eventId) => ("slack-event", Escape(eventId));

    // The turn inbox: every acknowledged request until its turn has run, one partition per shard so no single
    // partition takes every write; a row per request, keyed by a hash of the channel's own id for it (so a
    // redelivery is the same row, and whatever a client sent as an id fits the key rules).
    public const int InboxShards = 8;
    public static (string PartitionKey, string RowKey) InboxRequest(string channel, string requestId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(channel + "|" + requestId));
        return (InboxShard(hash[0] % InboxShards), Convert.ToHexStringLower(hash));
    }
    public static string InboxShard(int shard) => "inbox|" + shard.ToString(CultureInfo.InvariantCulture);

    // The outbox: a message waiting to be sent ("p|…") and, once sent, the record that it was ("d|…"), side by side
    // in one shard so moving from one to the other is one transaction; keyed by a hash of the sender's own key for
    // the message (kudos, recipient), so the same message asked for twice is one row. That key names people, so
    // the hash is keyed (DetailsProtector.OutboxKey): someone reading the store cannot test a guessed person's id.
    public const int OutboxShards = 8;
    public const string OutboxWaitingRows = "p|", OutboxSentRows = "d|";
    public static (string PartitionKey, string WaitingRow, string SentRow) OutboxMessage(byte[] keyedHash)
    {
        var id = Convert.ToHexStringLower(keyedHash);
        return (OutboxShard(keyedHash[0] % OutboxShards), OutboxWaitingRows + id, OutboxSentRows + id);
    }
    public static string OutboxShard(int shard) => "outbox|" + shard.ToString(CultureInfo.InvariantCulture);

    // What makes an outbox message the same message: a kudos' note to one recipient; a support request's notice
    // to one person at one version of the request (each move is ETag-checked, so its notices are sent once).
    public static string KudosNote(string kudosId, UserRef recipient) => "kudos-note|" + kudosId + "|" + recipient.Key;
    public static string SupportNotice(string requestId, Azure.ETag version, string what, UserRef to) =>
        "support|" + requestId + "|" + version + "|" + what + "|" + to.Key;
    public static string DigestPartSent(Month month, string partRow) => "digest|" + month + "|" + partRow;

    /// <summary>Percent-encodes the characters table keys may not hold (/ \ # ? % and control characters).</summary>
    /// <summary>The value a key was built from (<see cref="Escape"/> turns every '%' into "%25", so this is exact).</summary>
    public static string Unescape(string key)
    {
        if (!key.Contains('%', StringComparison.Ordinal)) return key;
        var sb = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length && int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 2;
            }
            else sb.Append(key[i]);
        }
        return sb.ToString();
    }

    /// <summary>Who an address row is for, from its row key ("channel|id").</summary>
    public static (string Channel, string UserId)? UserOfAddress(string rowKey) =>
        Unescape(rowKey).Split('|', 2) is [var channel, var id] ? (channel, id) : null;

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
