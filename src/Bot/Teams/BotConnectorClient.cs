using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WellnessBot.Bot.Teams;

/// <summary>The Connector answered with an error after retries; <see cref="SubCode"/> is Teams' reason (MessageWritesBlocked…).</summary>
internal sealed class ConnectorException(int status, string? subCode, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string? SubCode { get; } = subCode;
    /// <summary>The person blocked or uninstalled the bot, or the conversation no longer exists: retrying will not help.</summary>
    public bool Unreachable => Status is 403 or 404;
}

internal sealed class BotConnectorClientOptions : ClientOptions
{
    public BotConnectorClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingContentEnabled = false; // messages may hold personal details
        Diagnostics.ApplicationId = "WellnessBot";
        Diagnostics.IsDistributedTracingEnabled = false; // nobody downstream reads our traces; each call paid for an Activity
    }
}

/// <summary>
/// The Bot Connector REST API (v3), which Teams, Web Chat and the Agents Playground all serve at the activity's
/// serviceUrl. Retries 429/5xx (and 412, as Teams advises) with back-off that honours Retry-After, a bounded
/// number of times. Messages to one conversation are sent one at a time so they arrive in order.
/// </summary>
internal sealed class BotConnectorClient
{
    private readonly HttpPipeline _pipeline;
    private readonly BotTokenProvider _tokens;
    private readonly SemaphoreSlim[] _conversationLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public BotConnectorClient(BotTokenProvider tokens, BotConnectorClientOptions? options = null)
    {
        _tokens = tokens;
        _pipeline = HttpPipelineBuilder.Build(options ?? new BotConnectorClientOptions(), [], [new TokenPolicy(tokens)], new ConnectorClassifier());
    }

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken ct) =>
        InOrderAsync(conversationId, () => SendAsync(RequestMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, ct));

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, JsonObject activity, CancellationToken ct) =>
        InOrderAsync(conversationId, () => SendAsync(RequestMethod.Post, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, ct));

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken ct) =>
        InOrderAsync(conversationId, () => SendAsync(RequestMethod.Put, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, ct));

    public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct) =>
        InOrderAsync(conversationId, () => SendAsync(RequestMethod.Delete, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, ct));

    /// <summary>Starts a 1:1 chat (Teams needs the member and the tenant) or a new channel thread (channelData.channel.id).</summary>
    public Task<ResourceResponse> CreateConversationAsync(string serviceUrl, JsonObject parameters, CancellationToken ct) =>
        SendAsync(RequestMethod.Post, serviceUrl, "v3/conversations", parameters, ct);

    public async Task<ChannelAccount?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken ct)
    {
        using var message = Create(RequestMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}", null);
        await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        if (message.Response.Status == 404) return null;
        EnsureSuccess(message.Response);
        return JsonSerializer.Deserialize<ChannelAccount>(message.Response.Content.ToMemory().Span, BotJson.Options);
    }

    /// <summary>
    /// One page of a team's or conversation's members (GET /v3/conversations/{id}/pagedmembers). The continuation
    /// token is null on the last page.
    /// </summary>
    public async Task<MembersPage> GetPagedMembersAsync(string serviceUrl, string conversationId, string? continuationToken, CancellationToken ct)
    {
        var query = "pageSize=500" + (continuationToken is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuationToken));
        using var message = Create(RequestMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/pagedmembers?{query}", null);
        await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        EnsureSuccess(message.Response);
        return JsonSerializer.Deserialize<MembersPage>(message.Response.Content.ToMemory().Span, BotJson.Options) ?? new MembersPage();
    }

    private async Task<ResourceResponse> SendAsync(RequestMethod method, string serviceUrl, string path, JsonObject? body, CancellationToken ct)
    {
        using var message = Create(method, serviceUrl, path, body);
        await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        EnsureSuccess(message.Response);
        var content = message.Response.Content.ToMemory();
        return content.Length == 0 ? new ResourceResponse() : JsonSerializer.Deserialize<ResourceResponse>(content.Span, BotJson.Options) ?? new ResourceResponse();
    }

    private HttpMessage Create(RequestMethod method, string serviceUrl, string path, JsonObject? body)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"));
        message.Request.Uri.AppendPath(path, escape: false);
        message.Request.Headers.SetValue("Accept", "application/json");
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/json; charset=utf-8");
            message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, BotJson.Options));
        }
        return message;
    }

    private static void EnsureSuccess(Response response)
    {
        if (response.Status is >= 200 and < 300) return;
        string? subCode = null;
        try
        {
            // Teams nests its reason as JSON text inside "message": {"subCode":"MessageWritesBlocked",…}.
            using var doc = JsonDocument.Parse(response.Content.ToMemory());
            if (doc.RootElement.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.String)
            {
                using var nested = JsonDocument.Parse(inner.GetString()!);
                subCode = nested.RootElement.TryGetProperty("subCode", out var s) ? s.GetString() : null;
            }
            else if (doc.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code))
            {
                subCode = code.GetString();
            }
        }
        catch (JsonException) { }
        throw new ConnectorException(response.Status, subCode, $"The Bot Connector answered {response.Status}{(subCode is null ? "" : " (" + subCode + ")")}.");
    }

    private async Task<T> InOrderAsync<T>(string conversationId, Func<Task<T>> send)
    {
        var gate = _conversationLocks[(conversationId.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % _conversationLocks.Length];
        await gate.WaitAsync().ConfigureAwait(false);
        try { return await send().ConfigureAwait(false); }
        finally { gate.Release(); }
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>Adds the bearer token when authentication is on. Plain http is only ever used for loopback test servers.</summary>
    private sealed class TokenPolicy(BotTokenProvider tokens) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.ProcessingContext.RetryNumber > 0) WellnessBot.Dialogs.BotMetrics.Retry(WellnessBot.Dialogs.Turns.Channels.Teams); // this policy runs once per attempt
            var token = await tokens.GetTokenAsync(message.CancellationToken).ConfigureAwait(false);
            if (token is not null)
            {
                if (message.Request.Uri.Scheme != "https" && !message.Request.Uri.ToUri().IsLoopback)
                    throw new InvalidOperationException("Refusing to send a Bot Framework token over plain http.");
                message.Request.Headers.SetValue("Authorization", "Bearer " + token);
            }
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Azure.Core's defaults (408, 429, 500, 502, 503, 504) plus 412, which Teams lists as retriable.</summary>
    private sealed class ConnectorClassifier : ResponseClassifier
    {
        public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status == 412 || base.IsRetriableResponse(message);
    }
}
