using System.Text.Json.Nodes;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// Reaction kudos at the Slack edge: the program's emoji (Kudos:ReactionEmoji, default clap, any skin tone) added to
/// or removed from a person's message in a channel the bot is in becomes a kudos turn from the person who reacted.
/// Their own messages, apps' and bots' messages, and reactions by bots are not kudos. The message's words come from
/// reactions.get (scope reactions:read), to quote; the dialog checks them before anything is saved.
/// </summary>
internal sealed class SlackReactions(SlackWebApi api, KudosSettings settings)
{
    public const string Added = "reaction_added", Removed = "reaction_removed";

    /// <summary>Whether an event is a kudos reaction at all, before anything is looked up.</summary>
    public bool Serves(JsonObject e) =>
        e.At("type").Str() is Added or Removed
        && e.At("item", "type").Str() == "message"
        && e.At("item", "channel").Str() is { } channel && SlackTurnMapper.IsSharedChannelId(channel)
        && e.At("item", "ts").Str() is { } ts && SlackInbound.IsTimestamp(ts)
        && BaseName(e.At("reaction").Str()) == settings.ReactionEmoji
        && e.At("user").Str() is { } user && SlackTurnMapper.IsUserId(user)
        && e.At("item_user").Str() is { } author && SlackTurnMapper.IsUserId(author) && author != user;

    /// <summary>The reaction as a kudos turn; null when it is not one (a bot's message or a bot reacting).</summary>
    public async Task<Turn?> TurnAsync(JsonObject e, SlackLookups lookups, string? team, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var (user, author, channel, ts) = (e.At("user").Str()!, e.At("item_user").Str()!, e.At("item", "channel").Str()!, e.At("item", "ts").Str()!);
        if (user == lookups.Bot?.Id || author == lookups.Bot?.Id) return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [KudosDialog.AuthorValue] = author,
            [KudosDialog.MessageValue] = channel + "/" + ts + "/" + settings.ReactionEmoji,
        };
        if (Microseconds(e.At("event_ts").Str()) is { } at) values[KudosDialog.EventTimeValue] = at.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (e.At("type").Str() == Added)
        {
            // Another app's or a bot's reaction (a workflow that claps every message) is not a person's recognition.
            if (!await IsPersonAsync(user, ct).ConfigureAwait(false)) return null;
            var message = await MessageAsync(channel, ts, ct).ConfigureAwait(false);
            if (message is not null && (message.At("bot_id") is not null || message.At("subtype").Str() == "bot_message" || message.At("user").Str() is { } writer && writer != author)) return null;
            // Words from a private channel are not carried into the program's digest and breakfast: the kudos is given unquoted.
            if (SlackText.Quotable(message.At("text").Str()) is { } quoted && await api.IsPublicChannelAsync(channel, ct).ConfigureAwait(false))
                values[FormSubmission.QuotedKey] = quoted;
        }
        return new Turn
        {
            From = new UserRef(Channels.Slack, user, lookups.SenderName),
            Conversation = new ConversationRef(Channels.Slack, channel, ConversationKind.Channel, team),
            Submission = new FormSubmission(e.At("type").Str() == Added ? KudosDialog.ReactedAction : KudosDialog.UnreactedAction, values) { FromChannelEvent = true },
            Bot = lookups.Bot,
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>Whether the reactor is a person; when Slack cannot say, they are taken for one (as a person's clap is, almost always).</summary>
    private async Task<bool> IsPersonAsync(string user, CancellationToken ct)
    {
        try
        {
            return await api.IsActivePersonAsync(user, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>The message reacted to; null when Slack will not say (deleted, or no reactions:read), and the kudos is given unquoted.</summary>
    private async Task<JsonObject?> MessageAsync(string channel, string ts, CancellationToken ct)
    {
        try
        {
            var answer = await api.CallAsync("reactions.get", new JsonObject { ["channel"] = channel, ["timestamp"] = ts, ["full"] = false }, ct).ConfigureAwait(false);
            return answer["message"] as JsonObject;
        }
        catch (SlackApiException)
        {
            return null;
        }
    }


    /// <summary>Slack's "1700000100.000123" (seconds.microseconds) as microseconds; null when it is not one.</summary>
    internal static long? Microseconds(string? eventTs) =>
        eventTs is { Length: <= 32 } && SlackInbound.IsTimestamp(eventTs) && eventTs.Split('.') is [var seconds, var micros]
        && long.TryParse(seconds, out var s) && long.TryParse(micros.PadRight(6, '0')[..6], out var us) ? s * 1_000_000 + us : null;

    /// <summary>"clap::skin-tone-3" is clap.</summary>
    private static string? BaseName(string? reaction) => reaction is null ? null : reaction.Split("::", 2)[0];
}
