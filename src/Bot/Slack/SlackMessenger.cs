using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Slack;

/// <summary>Proactive Slack messages: a person's DM (opened with conversations.open), or a channel the bot is in.</summary>
internal sealed partial class SlackMessenger(SlackWebApi api, ILogger<SlackMessenger> logger) : IProactiveMessenger
{
    public async Task<SentMessage?> SendToUserAsync(UserRef user, BotMessage message, CancellationToken ct = default)
    {
        try
        {
            var dm = await api.OpenDmAsync(user.Id, ct).ConfigureAwait(false);
            return new SentMessage(dm, await api.PostPartsAsync(dm, BlockKitRenderer.Render(message), ct: ct).ConfigureAwait(false) ?? "");
        }
        catch (SlackApiException ex) when (ex.Error is "user_not_found" or "user_disabled" or "cannot_dm_bot" or "channel_not_found" or "is_archived" or "not_in_channel")
        {
            api.ForgetDm(user.Id);
            LogUnreachable(logger, ex.Error);
            return null;
        }
    }

    /// <summary>chat.update of the message's first part (a card is one part), in the DM it was posted to.</summary>
    public async Task<bool> UpdateUserMessageAsync(UserRef user, SentMessage sent, BotMessage message, CancellationToken ct = default)
    {
        if (sent.MessageId.Length == 0) return false;
        try
        {
            await api.UpdateAsync(sent.ConversationId, sent.MessageId, BlockKitRenderer.Render(message)[0], ct).ConfigureAwait(false);
            return true;
        }
        catch (SlackApiException ex) when (ex.Error is "message_not_found" or "channel_not_found" or "cant_update_message" or "is_archived")
        {
            LogUnreachable(logger, ex.Error);
            return false;
        }
    }

    public async Task<string?> SendToConversationAsync(ConversationRef conversation, BotMessage message, CancellationToken ct = default)
    {
        try
        {
            return await api.PostPartsAsync(conversation.Id, BlockKitRenderer.Render(message), ct: ct).ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (ex.Error is "not_in_channel" or "channel_not_found" or "is_archived")
        {
            LogUnreachable(logger, ex.Error);
            return null;
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Slack message not delivered: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}

/// <summary>People picked in a Slack users_select: their user ids, named from users.info.</summary>
internal sealed class SlackPeopleDirectory(SlackWebApi api) : IPeopleDirectory
{
    public async Task<UserRef?> FindAsync(Turn turn, string pickedId, CancellationToken ct)
    {
        // Slack's users_select answers user ids (U024BE7LH, W…): anything else names nobody, and is not looked up.
        if (pickedId.Length is < 2 or > 32 || pickedId[0] is not ('U' or 'W') || !pickedId.All(char.IsAsciiLetterOrDigit)) return null;
        try
        {
            // Someone deactivated (or a bot) can be picked in Slack's list but never told: refused, with the reason.
            if (!await api.IsActivePersonAsync(pickedId, ct).ConfigureAwait(false)) return null;
            return new UserRef(Channels.Slack, pickedId, await api.UserNameAsync(pickedId, ct).ConfigureAwait(false));
        }
        catch (SlackApiException ex) when (ex.Error is "user_not_found" or "user_disabled")
        {
            return null;
        }
    }

    /// <summary>A name is a nicety: Slack being unreachable or slow never stops what needs it (an escalation).</summary>
    public async Task<string?> NameOfAsync(UserRef person, CancellationToken ct)
    {
        try
        {
            return await api.UserNameAsync(person.Id, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException || ex is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Slack people are reached by their user id; the bot keeps no address for them.</summary>
    public Task<int> ForgetAsync(UserRef person, CancellationToken ct) => Task.FromResult(0);
}
