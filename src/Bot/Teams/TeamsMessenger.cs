using System.Text.Json.Nodes;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// Proactive messages over the Bot Connector: a person's 1:1 chat (created with their id and tenant the first
/// time), a group chat, or a new thread in a channel. Someone who blocked or uninstalled the bot is reported as
/// unreachable, never retried forever.
/// </summary>
internal sealed partial class TeamsMessenger(BotConnectorClient connector, ConversationDirectory directory, ILogger<TeamsMessenger> logger) : IProactiveMessenger
{
    public async Task<SentMessage?> SendToUserAsync(UserRef user, BotMessage message, CancellationToken ct = default)
    {
        var address = await directory.FindUserAsync(user, ct).ConfigureAwait(false);
        if (address is null)
        {
            LogUnreachable(logger, "no conversation reference");
            return null;
        }
        try
        {
            var conversationId = address.PersonalConversationId;
            if (conversationId is null)
            {
                var created = await connector.CreateConversationAsync(address.ServiceUrl, new JsonObject
                {
                    ["bot"] = new JsonObject { ["id"] = address.BotId },
                    ["members"] = new JsonArray(new JsonObject { ["id"] = user.Id }),
                    ["isGroup"] = false,
                    ["tenantId"] = address.TenantId,
                    ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = address.TenantId } },
                }, ct).ConfigureAwait(false);
                conversationId = created.Id ?? throw new ConnectorException(502, null, "The Bot Connector created a conversation without an id.");
                await directory.SavePersonalConversationAsync(user, conversationId, ct).ConfigureAwait(false);
            }
            var sent = await connector.SendToConversationAsync(address.ServiceUrl, conversationId, OutgoingActivity.From(message), ct).ConfigureAwait(false);
            return new SentMessage(conversationId, sent.Id ?? "");
        }
        catch (ConnectorException ex) when (ex.Unreachable)
        {
            LogUnreachable(logger, ex.SubCode ?? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }
    }

    /// <summary>PUT /v3/conversations/{id}/activities/{activityId}: the card in the person's chat is replaced where it is.</summary>
    public async Task<bool> UpdateUserMessageAsync(UserRef user, SentMessage sent, BotMessage message, CancellationToken ct = default)
    {
        if (sent.MessageId.Length == 0 || await directory.FindUserAsync(user, ct).ConfigureAwait(false) is not { } address) return false;
        var activity = OutgoingActivity.From(message);
        activity["id"] = sent.MessageId;
        try
        {
            await connector.UpdateActivityAsync(address.ServiceUrl, sent.ConversationId, sent.MessageId, activity, ct).ConfigureAwait(false);
            return true;
        }
        catch (ConnectorException ex) when (ex.Unreachable)
        {
            LogUnreachable(logger, ex.SubCode ?? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return false;
        }
    }

    public async Task<string?> SendToConversationAsync(ConversationRef conversation, BotMessage message, CancellationToken ct = default)
    {
        var address = await directory.FindConversationAsync(conversation, ct).ConfigureAwait(false);
        if (address is null)
        {
            LogUnreachable(logger, "no conversation reference");
            return null;
        }
        try
        {
            if (address.Kind == ConversationKind.Channel && address.TeamsChannelId is not null)
            {
                // A new thread in the channel, as Teams requires for channel posts.
                var thread = await connector.CreateConversationAsync(address.ServiceUrl, new JsonObject
                {
                    ["isGroup"] = true,
                    ["bot"] = new JsonObject { ["id"] = address.BotId },
                    ["tenantId"] = address.TenantId,
                    ["channelData"] = new JsonObject { ["channel"] = new JsonObject { ["id"] = address.TeamsChannelId } },
                    ["activity"] = OutgoingActivity.From(message),
                }, ct).ConfigureAwait(false);
                return thread.ActivityId ?? thread.Id;
            }
            var sent = await connector.SendToConversationAsync(address.ServiceUrl, address.ConversationId, OutgoingActivity.From(message), ct).ConfigureAwait(false);
            return sent.Id;
        }
        catch (ConnectorException ex) when (ex.Unreachable)
        {
            LogUnreachable(logger, ex.SubCode ?? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not deliver a proactive message: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
