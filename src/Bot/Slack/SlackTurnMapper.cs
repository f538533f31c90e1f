using WellnessBot.Bot.Cards;
using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Slack;

/// <summary>What only Slack's Web API knows, looked up (<see cref="SlackInbound"/>) before a request is mapped.</summary>
internal sealed record SlackLookups
{
    /// <summary>The bot's own user, to strip its @mention; null when auth.test failed.</summary>
    public UserRef? Bot { get; init; }

    /// <summary>The sender's display name.</summary>
    public string SenderName { get; init; } = "";

    /// <summary>The sender's DM with the bot, where turns from a modal or another person's DM are answered.</summary>
    public string? DirectChannelId { get; init; }

    /// <summary>Names of the people the text mentions, by user id; null for an id nobody in the workspace has.</summary>
    public IReadOnlyDictionary<string, string?> Names { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// Slack's slash commands, events and interactions as the channel-agnostic <see cref="Turn"/>, like
/// <see cref="Teams.ActivityMapper"/> for Teams: "/kudos …", "/support" and "/resources …" are the same words as in
/// Teams ("/wellness …" is the command itself); DMs and @mentions are messages; buttons and modals are form
/// submissions. Pure: the request, the lookups and the time give the turn, so it is tested without a host.
/// </summary>
internal static class SlackTurnMapper
{
    /// <summary>The words a slash command stands for (its text follows).</summary>
    public static string CommandWords(string command) => command.TrimStart('/').ToLowerInvariant() switch
    {
        "kudos" => KudosDialog.Command,
        "support" => SupportDialog.Command,
        "resources" => ResourcesDialog.Command,
        _ => "", // /wellness: the text is the command itself ("help", "digest post", "h3 roster add @Dana")
    };

    /// <summary>@here, @channel and user groups cannot receive kudos or support: said instead of acting.</summary>
    public static string? BroadcastProblem(string text) =>
        SlackText.Broadcast().IsMatch(text)
            ? "I can only recognise people one by one, so @here, @channel and groups don't work here. Please mention each colleague, e.g. /kudos @Ben thanks for…"
            : null;

    /// <summary>The user ids a text mentions without a name beside them (but <paramref name="except"/>, the bot): the lookups must name these.</summary>
    public static IReadOnlyList<string> UnnamedMentions(string raw, string? except = null) =>
        SlackText.UserMention().Matches(raw).Where(m => !m.Groups["name"].Success || m.Groups["name"].Value.Length == 0)
            .Select(m => m.Groups["id"].Value).Where(id => id != except).Distinct().ToList();

    /// <summary>Whether a button click is one the bot acts on as a turn (not a link, not "Open the form").</summary>
    public static bool IsTurnButton(string actionId) =>
        !actionId.StartsWith(BlockKitRenderer.LinkActionPrefix, StringComparison.Ordinal) && actionId != BlockKitRenderer.OpenFormAction;

    /// <summary>A slash command. In someone else's DM the bot cannot post, so it answers in the sender's own DM.</summary>
    public static Turn Command(IReadOnlyDictionary<string, string> form, SlackLookups lookups, DateTimeOffset receivedAt)
    {
        var user = new UserRef(Channels.Slack, form.GetValueOrDefault("user_id") ?? "", UserRef.NameFrom(form.GetValueOrDefault("user_name"), lookups.SenderName));
        var channelId = form.GetValueOrDefault("channel_id") ?? "";
        var channelName = form.GetValueOrDefault("channel_name") ?? "";
        var team = form.GetValueOrDefault("team_id");
        var conversation = channelName == "directmessage" && lookups.DirectChannelId is { } dm
            ? new ConversationRef(Channels.Slack, dm, ConversationKind.Direct, team)
            : new ConversationRef(Channels.Slack, channelId, KindOf(channelId, channelName), team);
        var raw = form.GetValueOrDefault("text") ?? "";
        var (text, mentions, unknown) = ReadMentions(raw, lookups, skip: null);
        return new Turn
        {
            From = user, Conversation = conversation, Mentions = mentions, Bot = lookups.Bot, ReceivedAt = receivedAt,
            Text = (CommandWords(form.GetValueOrDefault("command") ?? "") + " " + text).Trim(),
            ActivityId = "cmd:" + form.GetValueOrDefault("trigger_id"),
            // Not acted on, but still read by the safety net first: crisis words anywhere get help.
            EdgeProblem = BroadcastProblem(raw) ?? UnknownPeople(unknown),
        };
    }

    /// <summary>Whether an event is a message to the bot (a DM or an @mention) from a person: only those become turns.</summary>
    public static bool IsMessageToTheBot(JsonObject envelope) =>
        SenderOf(envelope) is not null && envelope.At("event", "type").Str() is var type
        && (type == "app_mention" || type == "message" && envelope.At("event", "channel_type").Str() == "im");

    /// <summary>A DM to the bot or an @mention of it; null for every other event (the bot's own posts, edits, joins).</summary>
    public static Turn? Message(JsonObject envelope, SlackLookups lookups, DateTimeOffset receivedAt)
    {
        if (!IsMessageToTheBot(envelope) || envelope.At("event") is not JsonObject e || SenderOf(envelope) is not { } userId) return null;
        var type = e.At("type").Str();
        var direct = type == "message";
        var channelId = e.At("channel").Str() ?? "";
        var kind = direct ? ConversationKind.Direct : KindOf(channelId, e.At("channel_type").Str() ?? "");
        var raw = e.At("text").Str() ?? "";
        var (text, mentions, unknown) = ReadMentions(raw, lookups, skip: lookups.Bot?.Id);
        return new Turn
        {
            From = new UserRef(Channels.Slack, userId, UserRef.NameFrom(lookups.SenderName, userId)),
            Conversation = new ConversationRef(Channels.Slack, channelId, kind, envelope.At("team_id").Str()),
            Text = text, Mentions = mentions, ActivityId = envelope.At("event_id").Str(), Bot = lookups.Bot, ReceivedAt = receivedAt,
            EdgeProblem = (raw.Contains(KudosDialog.Command, StringComparison.OrdinalIgnoreCase) ? BroadcastProblem(raw) : null) ?? UnknownPeople(unknown),
        };
    }

    /// <summary>The person an event is from, when it is one a person sent (not the bot's own post, an edit or a join).</summary>
    public static string? SenderOf(JsonObject envelope) =>
        envelope.At("event") is JsonObject e && e.At("bot_id") is null && e.At("subtype") is null ? e.At("user").Str() : null;

    /// <summary>A card's button (block_actions), or an App Home shortcut as if its words were typed; null for links.</summary>
    public static Turn? BlockAction(JsonObject payload, SlackLookups lookups, DateTimeOffset receivedAt)
    {
        var action = payload.First("actions");
        var actionId = action.At("action_id").Str();
        if (action is null || actionId is null || payload.At("user", "id").Str() is not { } userId || !IsTurnButton(actionId)) return null;

        var team = payload.At("team", "id").Str();
        var channelId = payload.At("channel", "id").Str() ?? payload.At("container", "channel_id").Str();
        var conversation = channelId is null || channelId.StartsWith('D')
            ? new ConversationRef(Channels.Slack, channelId ?? lookups.DirectChannelId ?? "", ConversationKind.Direct, team)
            : new ConversationRef(Channels.Slack, channelId, KindOf(channelId, ""), team);
        var turn = new Turn
        {
            From = new UserRef(Channels.Slack, userId, UserRef.NameFrom(payload.At("user", "name").Str(), lookups.SenderName)),
            Conversation = conversation, Bot = lookups.Bot, ReceivedAt = receivedAt,
        };
        if (SlackHome.Shortcut(BlockKitRenderer.DialogActionId(actionId)) is { } words) return turn with { Text = words };
        return turn with { Submission = new FormSubmission(BlockKitRenderer.DialogActionId(actionId), ButtonData(action)), ActivityId = action.At("action_ts").Str() };
    }

    /// <summary>A modal's submission, answered in the sender's DM with the bot.</summary>
    /// <summary>A Slack user id (U024BE7LH, W…), as users_select and message authors give them.</summary>
    public static bool IsUserId(string id) => id.Length is >= 2 and <= 32 && id[0] is 'U' or 'W' && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>A channel everyone in it sees (C…, or G… for private channels), not a DM (D…).</summary>
    public static bool IsSharedChannelId(string id) => id.Length is >= 2 and <= 32 && id[0] is 'C' or 'G' && id.All(char.IsAsciiLetterOrDigit);

    public static Turn? ViewSubmission(JsonObject payload, SlackLookups lookups, DateTimeOffset receivedAt)
    {
        if (payload.At("view") is not JsonObject view || payload.At("user", "id").Str() is not { } userId) return null;
        var submission = BlockKitRenderer.ReadSubmission(view);
        // A modal opened from a channel's message (a shortcut) belongs to that channel; any other to the person's DM.
        var channel = PlaceOf(submission).Channel;
        return new Turn
        {
            From = new UserRef(Channels.Slack, userId, UserRef.NameFrom(payload.At("user", "name").Str(), lookups.SenderName)),
            Conversation = channel is null ? new ConversationRef(Channels.Slack, lookups.DirectChannelId ?? "", ConversationKind.Direct, payload.At("team", "id").Str())
                : new ConversationRef(Channels.Slack, channel, ConversationKind.Channel, payload.At("team", "id").Str()),
            Submission = submission, ActivityId = view.At("id").Str(), Bot = lookups.Bot, ReceivedAt = receivedAt,
        };
    }

    /// <summary>The channel and thread a modal's form belongs to (<see cref="SlackShortcuts.KeepPlace"/>), when they are well-formed ids.</summary>
    public static (string? Channel, string? Thread) PlaceOf(FormSubmission submission)
    {
        if (submission.Value(SlackShortcuts.ChannelKey) is not { } channel || !IsSharedChannelId(channel)) return (null, null);
        var thread = submission.Value(SlackShortcuts.ThreadKey) is { } ts && SlackInbound.IsTimestamp(ts) ? ts : null;
        return (channel, thread);
    }

    /// <summary>Escaped mentions (&lt;@U024BE7LH|bob&gt;) out of the text, as people; the text keeps "@name".</summary>
    private static (string Text, IReadOnlyList<UserRef> Mentions, IReadOnlyList<string> Unknown) ReadMentions(string raw, SlackLookups lookups, string? skip)
    {
        var mentions = new List<UserRef>();
        var unknown = new List<string>();
        var text = raw;
        foreach (System.Text.RegularExpressions.Match m in SlackText.UserMention().Matches(raw))
        {
            var id = m.Groups["id"].Value;
            if (id == skip)
            {
                text = text.Replace(m.Value, "", StringComparison.Ordinal);
                continue;
            }
            var name = m.Groups["name"].Value is { Length: > 0 } given ? UserRef.NameFrom(given, id) : lookups.Names.GetValueOrDefault(id) is { } known ? UserRef.NameFrom(known, id) : null;
            if (name is null)
            {
                unknown.Add(id);
                continue;
            }
            if (mentions.All(p => p.Id != id)) mentions.Add(new UserRef(Channels.Slack, id, name));
            text = text.Replace(m.Value, "@" + name, StringComparison.Ordinal);
        }
        return (SlackText.Unescape(text).Trim(), mentions, unknown);
    }

    /// <summary>The answer when a mention names nobody in this workspace (a deleted user, a pasted id); null when all are known.</summary>
    private static string? UnknownPeople(IReadOnlyList<string> ids) => ids.Count == 0 ? null :
        $"I couldn't find {(ids.Count == 1 ? "one person you mentioned" : ids.Count + " of the people you mentioned")} in this workspace " +
        "(they may have left or been deactivated). Nothing was saved: please pick colleagues from Slack's @ list and try again.";

    /// <summary>A button's fixed data, as our renderer wrote it; anything else is no data.</summary>
    private static Dictionary<string, string> ButtonData(JsonObject action)
    {
        try
        {
            return action.At("value").Str() is { Length: > 0 } value ? JsonSerializer.Deserialize<Dictionary<string, string>>(value) ?? [] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>D… is a DM; G… a private channel or group DM (mpdm-…); C… a channel.</summary>
    private static ConversationKind KindOf(string channelId, string channelName) =>
        channelId.StartsWith('D') ? ConversationKind.Direct
        : channelId.StartsWith('G') || channelName.StartsWith("mpdm-", StringComparison.Ordinal) || channelName == "mpim" ? ConversationKind.Group
        : ConversationKind.Channel;
}
