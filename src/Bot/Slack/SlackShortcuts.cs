using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// "Give kudos" from a message's ⋯ menu (a message shortcut) or from Slack's shortcut menu anywhere (a global
/// shortcut): the kudos modal, for the message's author with a short quote. The modal remembers the channel and
/// thread it came from, so the shout-out is posted there, in that thread; from a global shortcut there is none.
/// </summary>
internal sealed partial class SlackShortcuts(IServiceScopeFactory scopes, SlackWebApi api, ILogger<SlackShortcuts> logger)
{
    /// <summary>The shortcuts' callback ids in the Slack app manifest.</summary>
    public const string OnAMessage = "give_kudos", Anywhere = "give_kudos_anywhere";

    /// <summary>Where a modal's kudos is shouted out, kept in its private_metadata beside the form's own data.</summary>
    public const string ChannelKey = "slack_channel", ThreadKey = "slack_thread";

    public static bool Serves(JsonObject payload) => (payload.At("type").Str(), payload.At("callback_id").Str()) is ("message_action", OnAMessage) or ("shortcut", Anywhere);

    public async Task OpenAsync(JsonObject payload, SlackLookups lookups, DateTimeOffset receivedAt, CancellationToken ct)
    {
        if (payload.At("user", "id").Str() is not { } userId || payload.At("trigger_id").Str() is not { } triggerId) return;
        var message = payload.At("message") as JsonObject;
        var channel = payload.At("channel", "id").Str() is { } id && SlackTurnMapper.IsSharedChannelId(id) ? id : null;
        var turn = new Turn
        {
            From = new UserRef(Channels.Slack, userId, UserRef.NameFrom(payload.At("user", "name").Str(), lookups.SenderName)),
            Conversation = channel is null ? new ConversationRef(Channels.Slack, lookups.DirectChannelId ?? userId, ConversationKind.Direct)
                : new ConversationRef(Channels.Slack, channel, ConversationKind.Channel, payload.At("team", "id").Str()),
            Bot = lookups.Bot,
            ReceivedAt = receivedAt,
        };
        await using var scope = scopes.CreateAsyncScope();
        var form = await scope.ServiceProvider.GetRequiredService<KudosFromMessage>().FormAsync(turn, AuthorOf(message), SlackText.Quotable(message.At("text").Str()), ct).ConfigureAwait(false);
        // The shout-out goes under the message it is about: in its thread, or starting one.
        var thread = SlackInbound.ThreadOf(message) ?? (message.At("ts").Str() is { } ts && SlackInbound.IsTimestamp(ts) ? ts : null);
        var view = KeepPlace(BlockKitRenderer.Modal(form), channel, channel is null ? null : thread);
        try
        {
            await api.OpenViewAsync(triggerId, view, ct).ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (ex.Error is "expired_trigger_id" or "invalid_trigger_id")
        {
            // Slack's trigger lasts 3 seconds, and a busy queue can outlast it: the person saw nothing open, so say so.
            LogTooLate(logger);
            await TellTooLateAsync(userId, ct).ConfigureAwait(false);
        }
    }

    public const string TooLate = "Sorry, the kudos form took too long to open. Please try **Give kudos** again.";

    private async Task TellTooLateAsync(string userId, CancellationToken ct)
    {
        try
        {
            await api.PostMessageAsync(await api.OpenDmAsync(userId, ct).ConfigureAwait(false), new SlackMessage(SlackText.FromMarkdown(TooLate)), ct: ct).ConfigureAwait(false);
        }
        catch (SlackApiException)
        {
            // Nowhere to say it: the person tries again anyway.
        }
    }

    /// <summary>
    /// The channel and thread a modal's kudos belongs to, added to its private_metadata (Slack gives it back, signed,
    /// and nobody can change it on the way). A form shown again keeps them.
    /// </summary>
    public static JsonObject KeepPlace(JsonObject view, string? channel, string? thread)
    {
        if (channel is null) return view;
        var metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(view.At("private_metadata").Str() ?? "{}") ?? [];
        metadata[ChannelKey] = channel;
        if (thread is not null) metadata[ThreadKey] = thread;
        var text = JsonSerializer.Serialize(metadata);
        if (text.Length <= BlockKitRenderer.MaxPrivateMetadata) view["private_metadata"] = text;
        return view;
    }

    /// <summary>A person's message is theirs; one posted by an app or a bot (bot_id, subtype bot_message) is not for kudos.</summary>
    private static MessageAuthor? AuthorOf(JsonObject? message)
    {
        if (message is null) return null;
        if (message.At("bot_id").Str() is not null || message.At("subtype").Str() == "bot_message")
            return new MessageAuthor(message.At("bot_id").Str() ?? "bot", UserRef.NameFrom(message.At("username").Str(), "an app"), IsApp: true);
        return message.At("user").Str() is { } user && SlackTurnMapper.IsUserId(user) ? new MessageAuthor(user, user, IsApp: false) : null;
    }


    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "A kudos shortcut's trigger had expired before its modal could open")]
    private static partial void LogTooLate(ILogger logger);
}
