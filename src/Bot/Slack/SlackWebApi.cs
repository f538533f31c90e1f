using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WellnessBot.Bot.Slack;

/// <summary>A Web API call that Slack answered with ok:false; <see cref="Error"/> is Slack's code (not_in_channel, invalid_auth, …).</summary>
internal sealed class SlackApiException(string method, string error)
    : Exception($"Slack {method} failed: {error}. {SlackWebApi.Hint(error)}")
{
    public string Method { get; } = method;
    public string Error { get; } = error;
}

/// <summary>
/// Slack's Web API with the bot token, on HttpClient and System.Text.Json: JSON bodies, ok:false as a typed error,
/// 429 honoured through Retry-After and 5xx retried with back-off, both bounded by Slack:MaxRetries. Logs name
/// the method and Slack's error code, never message text.
/// </summary>
internal sealed partial class SlackWebApi(HttpClient http, SlackOptions options, ILogger<SlackWebApi> logger)
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Test hook: how long to wait before a retry (Slack's Retry-After, or back-off).</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    public async Task<JsonObject> CallAsync(string method, JsonObject payload, CancellationToken ct = default)
    {
        var uri = new Uri(options.ApiBaseUrl, method);
        var body = payload.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0) WellnessBot.Dialogs.BotMetrics.Retry(WellnessBot.Dialogs.Turns.Channels.Slack);
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BotToken);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < options.MaxRetries)
            {
                await Delay(Backoff(attempt), ct).ConfigureAwait(false);
                continue;
            }
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < options.MaxRetries)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? Backoff(attempt);
                    LogRateLimited(logger, method, wait.TotalSeconds);
                    await Delay(wait > MaxRetryAfter ? MaxRetryAfter : wait, ct).ConfigureAwait(false);
                    continue;
                }
                if ((int)response.StatusCode >= 500 && attempt < options.MaxRetries)
                {
                    await Delay(Backoff(attempt), ct).ConfigureAwait(false);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    LogFailed(logger, method, "http_" + (int)response.StatusCode, "");
                    throw new SlackApiException(method, "http_" + (int)response.StatusCode);
                }
                var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)) as JsonObject
                           ?? throw new SlackApiException(method, "invalid_response");
                if (json["ok"]?.GetValue<bool>() == true) return json;
                var error = json["error"]?.GetValue<string>() ?? "unknown_error";
                LogFailed(logger, method, error, Hint(error));
                throw new SlackApiException(method, error);
            }
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt));

    /// <summary>Posts in a channel or DM; returns the message's ts.</summary>
    public async Task<string?> PostMessageAsync(string channel, SlackMessage message, string? threadTs = null, CancellationToken ct = default)
    {
        var payload = message.ToPayload();
        payload["channel"] = channel;
        if (threadTs is not null) payload["thread_ts"] = threadTs;
        return (await CallAsync("chat.postMessage", payload, ct).ConfigureAwait(false))["ts"]?.GetValue<string>();
    }

    /// <summary>Posts every part of a message, in order; returns the first part's ts (the message's address), null when none.</summary>
    public async Task<string?> PostPartsAsync(string channel, IEnumerable<SlackMessage> parts, string? threadTs = null, CancellationToken ct = default)
    {
        string? first = null;
        foreach (var part in parts)
        {
            var ts = await PostMessageAsync(channel, part, threadTs, ct).ConfigureAwait(false);
            first ??= ts;
        }
        return first;
    }

    /// <summary>A message only <paramref name="user"/> sees, in a channel: nothing appears for anyone else.</summary>
    public async Task PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken ct = default)
    {
        var payload = message.ToPayload();
        payload["channel"] = channel;
        payload["user"] = user;
        await CallAsync("chat.postEphemeral", payload, ct).ConfigureAwait(false);
    }

    public async Task UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken ct = default)
    {
        var payload = message.ToPayload();
        payload["channel"] = channel;
        payload["ts"] = ts;
        await CallAsync("chat.update", payload, ct).ConfigureAwait(false);
    }

    // A DM's id does not change; a name may, so it is asked again after a quarter of an hour.
    private readonly SlackAnswerCache _dms = new(TimeSpan.FromHours(12));
    private readonly SlackAnswerCache _names = new(TimeSpan.FromMinutes(15));

    /// <summary>The DM channel with a person (opened if needed).</summary>
    public async Task<string> OpenDmAsync(string user, CancellationToken ct = default)
    {
        if (_dms.TryGet(user, out var known)) return known;
        var dm = (await CallAsync("conversations.open", new JsonObject { ["users"] = user }, ct).ConfigureAwait(false))["channel"]?["id"]?.GetValue<string>()
            ?? throw new SlackApiException("conversations.open", "invalid_response");
        _dms.Keep(user, dm);
        return dm;
    }

    /// <summary>Posting to a person's DM failed: open it afresh next time.</summary>
    public void ForgetDm(string user) => _dms.Forget(user);

    public async Task<string?> OpenViewAsync(string triggerId, JsonObject view, CancellationToken ct = default) =>
        (await CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, ct).ConfigureAwait(false))["view"]?["id"]?.GetValue<string>();

    public Task UpdateViewAsync(string viewId, JsonObject view, CancellationToken ct = default) =>
        CallAsync("views.update", new JsonObject { ["view_id"] = viewId, ["view"] = view }, ct);

    public Task PublishHomeAsync(string user, JsonObject view, CancellationToken ct = default) =>
        CallAsync("views.publish", new JsonObject { ["user_id"] = user, ["view"] = view }, ct);

    // Whether someone is an active person changes rarely: asked again after a quarter of an hour. A channel made
    // private must stop being quoted soon: asked again after a minute.
    private readonly SlackAnswerCache _people = new(TimeSpan.FromMinutes(15));
    private readonly SlackAnswerCache _publicChannels = new(TimeSpan.FromMinutes(1));

    /// <summary>Whether a user id is a person who can still be reached: not deactivated (deleted), not a bot or an app.</summary>
    public async Task<bool> IsActivePersonAsync(string user, CancellationToken ct = default)
    {
        if (_people.TryGet(user, out var known)) return known == "yes";
        var info = (await CallAsync("users.info", new JsonObject { ["user"] = user }, ct).ConfigureAwait(false))["user"];
        // (is_app_user is a person who authorised the app, not an app: only is_bot says "not a person".)
        var active = info?["deleted"]?.GetValueKind() != System.Text.Json.JsonValueKind.True && info?["is_bot"]?.GetValueKind() != System.Text.Json.JsonValueKind.True;
        _people.Keep(user, active ? "yes" : "no");
        return active;
    }

    /// <summary>
    /// Whether a channel is a public one (conversations.info, scope channels:read). A private channel, a group DM,
    /// or a channel Slack will not describe is not: its words stay in it.
    /// </summary>
    public async Task<bool> IsPublicChannelAsync(string channel, CancellationToken ct = default)
    {
        if (_publicChannels.TryGet(channel, out var known)) return known == "yes";
        try
        {
            var info = (await CallAsync("conversations.info", new JsonObject { ["channel"] = channel }, ct).ConfigureAwait(false))["channel"];
            var isPublic = info?["is_channel"]?.GetValueKind() == System.Text.Json.JsonValueKind.True
                && info["is_private"]?.GetValueKind() == System.Text.Json.JsonValueKind.False
                && info["is_mpim"]?.GetValueKind() != System.Text.Json.JsonValueKind.True && info["is_im"]?.GetValueKind() != System.Text.Json.JsonValueKind.True;
            _publicChannels.Keep(channel, isPublic ? "yes" : "no");
            return isPublic;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false; // not kept: a missing scope or a hiccup is asked about again next time
        }
    }

    /// <summary>A person's display name (falling back to their real name, then their id).</summary>
    public async Task<string> UserNameAsync(string user, CancellationToken ct = default)
    {
        if (_names.TryGet(user, out var known)) return known;
        var info = await CallAsync("users.info", new JsonObject { ["user"] = user }, ct).ConfigureAwait(false);
        var profile = info["user"]?["profile"];
        var name = new[] { profile?["display_name"]?.GetValue<string>(), profile?["real_name"]?.GetValue<string>(), info["user"]?["name"]?.GetValue<string>() }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? user;
        _names.Keep(user, name);
        return name;
    }

    /// <summary>
    /// Answers through a slash command's or an action's response_url (no token needed; valid for 30 minutes).
    /// Returns false when Slack did not take it.
    /// </summary>
    public async Task<bool> RespondAsync(Uri responseUrl, SlackMessage message, bool ephemeral, CancellationToken ct = default)
    {
        if (options.ResponseUrl(responseUrl.OriginalString) is null)
        {
            LogFailed(logger, "response_url", "not_slack", "");
            return false; // never a request to a host the sender chose
        }
        var payload = message.ToPayload();
        payload["response_type"] = ephemeral ? "ephemeral" : "in_channel";
        try
        {
            using var response = await http.PostAsync(responseUrl, new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return true;
            LogFailed(logger, "response_url", "http_" + (int)response.StatusCode, "");
        }
        catch (HttpRequestException)
        {
            LogFailed(logger, "response_url", "unreachable", "");
        }
        return false;
    }

    internal static string Hint(string error) => error switch
    {
        "not_in_channel" => "Invite the bot to the channel first (/invite @WellnessBot).",
        "channel_not_found" => "The channel does not exist or the bot cannot see it.",
        "invalid_auth" or "not_authed" or "token_revoked" or "account_inactive" => "Check Slack:BotToken (the xoxb- token of the installed app).",
        "missing_scope" => "The app lacks a scope: add it in manifest/slack/manifest.json and reinstall the app.",
        "ratelimited" => "Slack is rate limiting the bot; it retries after Retry-After.",
        "user_not_found" => "That Slack user does not exist in this workspace.",
        "expired_trigger_id" => "A modal must open within 3 seconds of the click.",
        _ => "",
    };

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Slack {Method} failed: {Error}. {Hint}")]
    private static partial void LogFailed(ILogger logger, string method, string error, string hint);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Slack {Method} rate limited; retrying in {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, string method, double seconds);
}

/// <summary>What a Slack message carries: fallback text (notifications) and Block Kit blocks.</summary>
internal sealed record SlackMessage(string Text, JsonArray? Blocks = null)
{
    public JsonObject ToPayload()
    {
        var payload = new JsonObject { ["text"] = Text };
        if (Blocks is not null) payload["blocks"] = JsonNode.Parse(Blocks.ToJsonString());
        return payload;
    }
}
