using WellnessBot.Bot.Cards;
using System.Text.Json.Nodes;
using WellnessBot.Bot.Hosting;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// Runs a verified Slack request as a turn: looks up what only the Web API knows (names, the sender's DM with the
/// bot, the bot's own id), maps the request with <see cref="SlackTurnMapper"/>, and hands the turn to
/// <see cref="TurnHandler"/>. Runs from the turn queue (<see cref="SlackEndpoints"/> queued it), except a modal's
/// submission, which Slack waits for.
/// </summary>
internal sealed partial class SlackInbound(
    IServiceScopeFactory scopes,
    SlackWebApi api,
    SlackForms forms,
    SlackHome home,
    SlackShortcuts shortcuts,
    SlackReactions reactions,
    SlackOptions options,
    ITableStore store,
    TimeProvider clock,
    ILogger<SlackInbound> logger) : IQueuedRequestRunner
{
    // The kinds of queued Slack requests: a slash command (its form), an event (its envelope), a button (its payload).
    public const string CommandKind = "command", EventKind = "event", BlockActionsKind = "block_actions", ShortcutKind = "shortcut";

    private string? _botUserId;

    /// <summary>The most people one message may make the bot look up (above Kudos:MaxRecipients' default of 25).</summary>
    public const int MaxLookupsPerMessage = 30;

    public string Channel => Channels.Slack;

    public Task RunAsync(QueuedRequest request, CancellationToken ct) => request.Kind switch
    {
        CommandKind => RunCommandAsync(SlackEndpoints.Form(request.Body), request.ReceivedAt, ct),
        EventKind => SlackEndpoints.Json(request.Body) is { } envelope ? RunEventAsync(envelope, request.ReceivedAt, ct) : Task.CompletedTask,
        BlockActionsKind => SlackEndpoints.Json(request.Body) is { } payload ? RunBlockActionAsync(payload, request.ReceivedAt, ct) : Task.CompletedTask,
        ShortcutKind => SlackEndpoints.Json(request.Body) is { } shortcut ? RunShortcutAsync(shortcut, request.ReceivedAt, ct) : Task.CompletedTask,
        _ => throw new ArgumentException($"Unknown Slack request kind '{request.Kind}'.", nameof(request)),
    };

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

    /// <summary>Undoes <see cref="FirstDeliveryAsync"/> when the event could not be kept: Slack's redelivery must then be taken.</summary>
    public Task ForgetDeliveryAsync(string eventId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.SlackEvent(eventId);
        return store.GetTableClient(StorageKeys.ConversationsTable).DeleteEntityAsync(pk, rk, Azure.ETag.All, ct);
    }

    private async Task RunCommandAsync(IReadOnlyDictionary<string, string> form, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var userId = form.GetValueOrDefault("user_id") ?? "";
        var lookups = await LookUpAsync(form.GetValueOrDefault("text") ?? "", senderId: null, ct).ConfigureAwait(false) with
        {
            DirectChannelId = form.GetValueOrDefault("channel_name") == "directmessage" ? await api.OpenDmAsync(userId, ct).ConfigureAwait(false) : null,
        };
        var turn = SlackTurnMapper.Command(form, lookups, receivedAt);
        var responseUrl = options.ResponseUrl(form.GetValueOrDefault("response_url")); // only ever Slack's hooks host
        await RunAsync(new SlackTurnContext(turn, api, forms, form.GetValueOrDefault("trigger_id"), responseUrl), ct).ConfigureAwait(false);
    }

    /// <summary>An event_callback: a DM to the bot, an @mention in a channel, or someone opening the App Home.</summary>
    private async Task RunEventAsync(JsonObject envelope, DateTimeOffset receivedAt, CancellationToken ct)
    {
        if (SlackTurnMapper.SenderOf(envelope) is not { } userId) return;
        _botUserId ??= envelope.First("authorizations").At("user_id").Str();
        var e = (JsonObject)envelope.At("event")!;
        if (e.At("type").Str() == "app_home_opened")
        {
            if (e.At("tab").Str() is "home" or null) await home.PublishAsync(userId, ct).ConfigureAwait(false);
            return;
        }
        if (reactions.Serves(e))
        {
            var reactor = await LookUpAsync("", userId, ct).ConfigureAwait(false);
            if (await reactions.TurnAsync(e, reactor, envelope.At("team_id").Str(), receivedAt, ct).ConfigureAwait(false) is { } reaction)
                await RunAsync(new SlackTurnContext(reaction, api, forms, null, null), ct).ConfigureAwait(false);
            return;
        }
        if (!SlackTurnMapper.IsMessageToTheBot(envelope)) return; // nothing to look up for what is not a turn
        var lookups = await LookUpAsync(e.At("text").Str() ?? "", userId, ct).ConfigureAwait(false);
        if (SlackTurnMapper.Message(envelope, lookups, receivedAt) is { } turn)
            await RunAsync(new SlackTurnContext(turn, api, forms, null, null) { ThreadTs = ThreadOf(e) }, ct).ConfigureAwait(false);
    }

    /// <summary>The thread a message was written in (Slack's thread_ts), so the answer stays in that thread.</summary>
    public static string? ThreadOf(JsonObject? message) => message.At("thread_ts").Str() is { } ts && IsTimestamp(ts) ? ts : null;

    /// <summary>A Slack message timestamp (1700000000.000100), which names a message and its thread.</summary>
    public static bool IsTimestamp(string ts) => ts.Length is > 0 and <= 32 && ts.All(c => char.IsAsciiDigit(c) || c == '.');

    /// <summary>A button click (block_actions): a card's submit action, "Open the form", or an App Home shortcut.</summary>
    private async Task RunBlockActionAsync(JsonObject payload, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var action = payload.First("actions");
        var triggerId = payload.At("trigger_id").Str();
        if (action.At("action_id").Str() == BlockKitRenderer.OpenFormAction)
        {
            if (triggerId is not null && await forms.FindAsync(action.At("value").Str() ?? "", ct).ConfigureAwait(false) is { } view)
                await api.OpenViewAsync(triggerId, view, ct).ConfigureAwait(false);
            return;
        }
        if (payload.At("user", "id").Str() is not { } userId || !SlackTurnMapper.IsTurnButton(action.At("action_id").Str() ?? "")) return;
        var inDm = (payload.At("channel", "id") ?? payload.At("container", "channel_id")) is null;
        var lookups = await LookUpAsync("", payload.At("user", "name") is null ? userId : null, ct).ConfigureAwait(false) with
        {
            DirectChannelId = inDm ? await api.OpenDmAsync(userId, ct).ConfigureAwait(false) : null,
        };
        if (SlackTurnMapper.BlockAction(payload, lookups, receivedAt) is not { } turn) return;
        var responseUrl = options.ResponseUrl(payload.At("response_url").Str());
        await RunAsync(new SlackTurnContext(turn, api, forms, triggerId, responseUrl), ct).ConfigureAwait(false);
    }

    /// <summary>"Give kudos" from a message's menu or Slack's shortcut menu: the modal opens for the message's author.</summary>
    private async Task RunShortcutAsync(JsonObject payload, DateTimeOffset receivedAt, CancellationToken ct)
    {
        if (payload.At("user", "id").Str() is not { } userId) return;
        var inChannel = payload.At("channel", "id").Str() is { } channel && SlackTurnMapper.IsSharedChannelId(channel);
        var lookups = await LookUpAsync("", payload.At("user", "name") is null ? userId : null, ct).ConfigureAwait(false) with
        {
            DirectChannelId = inChannel ? null : await api.OpenDmAsync(userId, ct).ConfigureAwait(false),
        };
        await shortcuts.OpenAsync(payload, lookups, receivedAt, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A modal's submission, run at once (Slack waits up to 3 seconds): if the dialog shows the form again with a
    /// problem, the answer keeps the modal open with the problem under its input; otherwise the modal closes and
    /// the dialog's replies go to the person's DM.
    /// </summary>
    public async Task<JsonObject?> RunViewSubmissionAsync(JsonObject payload, CancellationToken ct)
    {
        if (payload.At("user", "id").Str() is not { } userId) return null;
        var lookups = await LookUpAsync("", payload.At("user", "name") is null ? userId : null, ct).ConfigureAwait(false) with
        {
            DirectChannelId = await api.OpenDmAsync(userId, ct).ConfigureAwait(false),
        };
        if (SlackTurnMapper.ViewSubmission(payload, lookups, clock.GetUtcNow()) is not { } turn) return null;
        var (channel, thread) = SlackTurnMapper.PlaceOf(turn.Submission!);
        var context = new SlackTurnContext(turn, api, forms, null, null) { AnsweringModal = true, ThreadTs = thread };
        await RunAsync(context, ct).ConfigureAwait(false);
        if (context.FormShownAgain is not { } again) return null;
        if (again.Body.OfType<CardInput>().FirstOrDefault(i => i.Problem is not null) is not { } wrong)
            return new JsonObject { ["response_action"] = "update", ["view"] = SlackShortcuts.KeepPlace(BlockKitRenderer.Modal(again), channel, thread) };
        var problem = wrong.Problem!;
        return new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { [wrong.Id] = problem.Length <= 2000 ? problem : problem[..2000] } };
    }

    private async Task RunAsync(SlackTurnContext context, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TurnHandler>().HandleAsync(context, ct).ConfigureAwait(false);
    }

    /// <summary>The bot's id, the names of people mentioned without one, and (when asked) the sender's name.</summary>
    private async Task<SlackLookups> LookUpAsync(string raw, string? senderId, CancellationToken ct)
    {
        var bot = await BotAsync(ct).ConfigureAwait(false);
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        // Capped: a message of a thousand mentions costs as many users.info calls as a large kudos, no more (the rest are unknown, and refused).
        foreach (var id in SlackTurnMapper.UnnamedMentions(raw, except: bot?.Id).Take(MaxLookupsPerMessage))
            names[id] = await KnownNameAsync(id, ct).ConfigureAwait(false);
        return new SlackLookups
        {
            Bot = bot,
            Names = names,
            SenderName = senderId is null ? "" : await SenderNameAsync(senderId, ct).ConfigureAwait(false),
        };
    }

    /// <summary>A person's name, or null when nobody in the workspace has this id (a deleted user, a pasted id).</summary>
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

    /// <summary>The sender's name; their id when Slack cannot say (the turn still runs).</summary>
    private async Task<string> SenderNameAsync(string userId, CancellationToken ct)
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
        return _botUserId is null ? null : new UserRef(Channels.Slack, _botUserId, "WellnessBot");
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Slack auth.test failed ({Error}): the bot's own user id is unknown")]
    private static partial void LogAuthTestFailed(ILogger logger, string error);
}
