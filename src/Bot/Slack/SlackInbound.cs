using System.Text.Json.Nodes;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// Slack's slash commands, events and interactions as normalised turns for the channel-agnostic
/// <see cref="TurnHandler"/>: "/kudos …", "/support", "/resources …" and "/wellness …" (help and coordinator
/// commands) are the same words as in Teams; DMs and @mentions are messages; buttons and modals are form submissions.
/// </summary>
public sealed partial class SlackInbound(
    IServiceScopeFactory scopes,
    SlackWebApi api,
    SlackForms forms,
    SlackHome home,
    ITableStore store,
    ILogger<SlackInbound> logger)
{
    public const string Channel = "slack";
    private string? _botUserId;

    /// <summary>The words a slash command stands for (its text follows).</summary>
    public static string CommandWords(string command) => command.TrimStart('/').ToLowerInvariant() switch
    {
        "kudos" => "kudos",
        "support" => "support",
        "resources" => "resources",
        _ => "", // /wellness: the text is the command itself ("help", "digest post", "h3 roster add @Dana")
    };

    /// <summary>@here, @channel and user groups cannot receive kudos or support: the answer Slack shows at once.</summary>
    public static string? BroadcastProblem(string text) =>
        SlackText.Broadcast().IsMatch(text)
            ? "I can only recognise people one by one, so @here, @channel and groups don't work here. Please mention each colleague, e.g. /kudos @Ben thanks for…"
            : null;

    /// <summary>A slash command, run after Slack has been answered.</summary>
    public async Task RunCommandAsync(IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var user = new UserRef(Channel, form.GetValueOrDefault("user_id") ?? "", form.GetValueOrDefault("user_name") ?? "");
        var channelId = form.GetValueOrDefault("channel_id") ?? "";
        var channelName = form.GetValueOrDefault("channel_name") ?? "";
        // In a DM with someone else the bot cannot post: its answers go to the person's own DM with the bot.
        var conversation = channelName == "directmessage"
            ? new ConversationRef(Channel, await api.OpenDmAsync(user.Id, ct).ConfigureAwait(false), ConversationKind.Direct, form.GetValueOrDefault("team_id"))
            : new ConversationRef(Channel, channelId, KindOf(channelId, channelName), form.GetValueOrDefault("team_id"));
        var words = CommandWords(form.GetValueOrDefault("command") ?? "");
        var raw = form.GetValueOrDefault("text") ?? "";
        var (text, mentions, unknown) = await ReadMentionsAsync(raw, ct).ConfigureAwait(false);
        var turn = new Turn
        {
            From = user, Conversation = conversation, Text = (words + " " + text).Trim(), Mentions = mentions,
            ActivityId = "cmd:" + form.GetValueOrDefault("trigger_id"), Bot = await BotAsync(ct).ConfigureAwait(false),
            // Not acted on, but still read by the safety net first: crisis words anywhere get help.
            EdgeProblem = BroadcastProblem(raw) ?? UnknownPeople(unknown),
        };
        Uri.TryCreate(form.GetValueOrDefault("response_url"), UriKind.Absolute, out var responseUrl);
        await RunAsync(new SlackTurnContext(turn, api, forms, form.GetValueOrDefault("trigger_id"), responseUrl), ct).ConfigureAwait(false);
    }

    /// <summary>True the first time an event id is seen: Slack's retries carry the same id and are skipped.</summary>
    public async Task<bool> FirstDeliveryAsync(string eventId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.SlackEvent(eventId);
        try
        {
            await store.GetTableClient(StorageKeys.ConversationsTable).AddEntityAsync(new TableEntity(pk, rk), ct).ConfigureAwait(false);
            return true;
        }
        catch (EntityAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>An event_callback: a DM to the bot, an @mention in a channel, or someone opening the App Home.</summary>
    public async Task RunEventAsync(JsonObject envelope, CancellationToken ct)
    {
        if (envelope["event"] is not JsonObject e) return;
        var type = e["type"]?.GetValue<string>();
        var userId = e["user"]?.GetValue<string>();
        if (userId is null || e["bot_id"] is not null || e["subtype"] is not null) return; // the bot's own posts, edits, joins
        _botUserId ??= (envelope["authorizations"] as JsonArray)?.FirstOrDefault()?["user_id"]?.GetValue<string>();

        switch (type)
        {
            case "app_home_opened" when e["tab"]?.GetValue<string>() is "home" or null:
                await home.PublishAsync(userId, ct).ConfigureAwait(false);
                return;
            case "message" when e["channel_type"]?.GetValue<string>() == "im":
            case "app_mention":
                var channelId = e["channel"]?.GetValue<string>() ?? "";
                var kind = type == "message" ? ConversationKind.Direct : KindOf(channelId, e["channel_type"]?.GetValue<string>() ?? "");
                var raw = e["text"]?.GetValue<string>() ?? "";
                var bot = await BotAsync(ct).ConfigureAwait(false);
                var (text, mentions, unknown) = await ReadMentionsAsync(raw, ct, skip: bot?.Id).ConfigureAwait(false);
                var turn = new Turn
                {
                    From = new UserRef(Channel, userId, await NameAsync(userId, ct).ConfigureAwait(false)),
                    Conversation = new ConversationRef(Channel, channelId, kind, envelope["team_id"]?.GetValue<string>()),
                    Text = text, Mentions = mentions, ActivityId = envelope["event_id"]?.GetValue<string>(), Bot = bot,
                    EdgeProblem = (raw.Contains("kudos", StringComparison.OrdinalIgnoreCase) ? BroadcastProblem(raw) : null) ?? UnknownPeople(unknown),
                };
                await RunAsync(new SlackTurnContext(turn, api, forms, null, null), ct).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>A button click (block_actions): a card's submit action, "Open the form", or an App Home shortcut.</summary>
    public async Task RunBlockActionAsync(JsonObject payload, CancellationToken ct)
    {
        var action = (payload["actions"] as JsonArray)?.FirstOrDefault() as JsonObject;
        var actionId = action?["action_id"]?.GetValue<string>();
        var userId = payload["user"]?["id"]?.GetValue<string>();
        if (action is null || actionId is null || userId is null || actionId.StartsWith("wb.link", StringComparison.Ordinal)) return;
        var triggerId = payload["trigger_id"]?.GetValue<string>();

        if (actionId == BlockKitRenderer.OpenFormAction)
        {
            if (triggerId is not null && await forms.FindAsync(action["value"]?.GetValue<string>() ?? "", ct).ConfigureAwait(false) is { } view)
                await api.OpenViewAsync(triggerId, view, ct).ConfigureAwait(false);
            return;
        }

        var user = new UserRef(Channel, userId, payload["user"]?["name"]?.GetValue<string>() ?? await NameAsync(userId, ct).ConfigureAwait(false));
        var channelId = payload["channel"]?["id"]?.GetValue<string>() ?? payload["container"]?["channel_id"]?.GetValue<string>();
        var conversation = channelId is null || channelId.StartsWith('D')
            ? new ConversationRef(Channel, channelId ?? await api.OpenDmAsync(userId, ct).ConfigureAwait(false), ConversationKind.Direct, payload["team"]?["id"]?.GetValue<string>())
            : new ConversationRef(Channel, channelId, KindOf(channelId, ""), payload["team"]?["id"]?.GetValue<string>());
        Uri.TryCreate(payload["response_url"]?.GetValue<string>(), UriKind.Absolute, out var responseUrl);

        Turn turn;
        if (SlackHome.Shortcut(actionId) is { } words)
            turn = new Turn { From = user, Conversation = conversation, Text = words, Bot = await BotAsync(ct).ConfigureAwait(false) };
        else
        {
            var data = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(action["value"]?.GetValue<string>() is { Length: > 0 } v ? v : "{}") ?? [];
            turn = new Turn
            {
                From = user, Conversation = conversation, Bot = await BotAsync(ct).ConfigureAwait(false),
                Submission = new FormSubmission(BlockKitRenderer.DialogActionId(actionId), data),
                ActivityId = action["action_ts"]?.GetValue<string>(),
            };
        }
        await RunAsync(new SlackTurnContext(turn, api, forms, triggerId, responseUrl), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A modal's submission, run at once (Slack waits up to 3 seconds): if the dialog shows the form again with a
    /// problem, the answer keeps the modal open with the problem on its field; otherwise the modal closes and the
    /// dialog's replies go to the person's DM.
    /// </summary>
    public async Task<JsonObject?> RunViewSubmissionAsync(JsonObject payload, CancellationToken ct)
    {
        if (payload["view"] is not JsonObject view || payload["user"]?["id"]?.GetValue<string>() is not { } userId) return null;
        var form = BlockKitRenderer.ReadSubmission(view);
        var dm = await api.OpenDmAsync(userId, ct).ConfigureAwait(false);
        var turn = new Turn
        {
            From = new UserRef(Channel, userId, payload["user"]?["name"]?.GetValue<string>() ?? await NameAsync(userId, ct).ConfigureAwait(false)),
            Conversation = new ConversationRef(Channel, dm, ConversationKind.Direct, payload["team"]?["id"]?.GetValue<string>()),
            Submission = form, ActivityId = view["id"]?.GetValue<string>(), Bot = await BotAsync(ct).ConfigureAwait(false),
        };
        var context = new SlackTurnContext(turn, api, forms, null, null) { AnsweringModal = true };
        await RunAsync(context, ct).ConfigureAwait(false);
        if (context.FormShownAgain is not { } again) return null;
        var problem = again.Body.OfType<TextBlock>().FirstOrDefault(t => t.Style == TextStyle.Attention)?.Text ?? "Please check the form.";
        var field = again.Body.OfType<TextInput>().FirstOrDefault(i => i.Required)?.Id ?? again.Body.OfType<CardInput>().FirstOrDefault()?.Id;
        return field is null
            ? new JsonObject { ["response_action"] = "update", ["view"] = BlockKitRenderer.Modal(again) }
            : new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { [field] = problem.Length <= 2000 ? problem : problem[..2000] } };
    }

    private async Task RunAsync(SlackTurnContext context, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TurnHandler>().HandleAsync(context, ct).ConfigureAwait(false);
    }

    /// <summary>Escaped mentions (&lt;@U024BE7LH|bob&gt;) out of the text, as people; the text keeps "@name".</summary>
    private async Task<(string Text, IReadOnlyList<UserRef> Mentions, IReadOnlyList<string> Unknown)> ReadMentionsAsync(string raw, CancellationToken ct, string? skip = null)
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
            var name = m.Groups["name"].Success && m.Groups["name"].Value.Length > 0 ? m.Groups["name"].Value : await KnownNameAsync(id, ct).ConfigureAwait(false);
            if (name is null)
            {
                unknown.Add(id);
                continue;
            }
            if (mentions.All(p => p.Id != id)) mentions.Add(new UserRef(Channel, id, name));
            text = text.Replace(m.Value, "@" + name, StringComparison.Ordinal);
        }
        return (SlackText.Unescape(text).Trim(), mentions, unknown);
    }

    /// <summary>The answer when a mention names nobody in this workspace (a deleted user, a pasted id); null when all are known.</summary>
    private static string? UnknownPeople(IReadOnlyList<string> ids) => ids.Count == 0 ? null :
        $"I couldn't find {(ids.Count == 1 ? "one person you mentioned" : ids.Count + " of the people you mentioned")} in this workspace " +
        "(they may have left or been deactivated). Nothing was saved: please pick colleagues from Slack's @ list and try again.";

    private async Task<string?> KnownNameAsync(string userId, CancellationToken ct)
    {
        try
        {
            return await api.UserNameAsync(userId, ct).ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (ex.Error is "user_not_found" or "user_disabled")
        {
            return null;
        }
    }

    private async Task<string> NameAsync(string userId, CancellationToken ct)
    {
        try
        {
            return await api.UserNameAsync(userId, ct).ConfigureAwait(false);
        }
        catch (SlackApiException)
        {
            return userId;
        }
    }

    private async Task<UserRef?> BotAsync(CancellationToken ct)
    {
        if (_botUserId is null)
        {
            try
            {
                _botUserId = (await api.CallAsync("auth.test", new JsonObject(), ct).ConfigureAwait(false))["user_id"]?.GetValue<string>();
            }
            catch (SlackApiException ex)
            {
                LogAuthTestFailed(logger, ex.Error);
            }
        }
        return _botUserId is null ? null : new UserRef(Channel, _botUserId, "WellnessBot");
    }

    /// <summary>D… is a DM; G… a private channel or group DM (mpdm-…); C… a channel.</summary>
    private static ConversationKind KindOf(string channelId, string channelName) =>
        channelId.StartsWith('D') ? ConversationKind.Direct
        : channelId.StartsWith('G') || channelName.StartsWith("mpdm-", StringComparison.Ordinal) || channelName == "mpim" ? ConversationKind.Group
        : ConversationKind.Channel;

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Slack auth.test failed ({Error}): the bot's own user id is unknown")]
    private static partial void LogAuthTestFailed(ILogger logger, string error);
}
