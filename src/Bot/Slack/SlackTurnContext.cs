using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// How a dialog answers in Slack. Replies go to the conversation (chat.postMessage); private answers in a channel
/// are ephemeral (chat.postEphemeral, else the command's response_url), and in a DM they are ordinary replies.
/// A card with inputs opens as a modal when Slack gave a trigger (a command or a click), else it is sent with a
/// button that opens it.
/// </summary>
internal sealed class SlackTurnContext(Turn turn, SlackWebApi api, SlackForms forms, string? triggerId, Uri? responseUrl) : ITurnContext
{
    private string? _triggerId = triggerId;

    public Turn Turn { get; } = turn;

    /// <summary>Set when the dialog answered a modal's submission by showing the form again with a problem.</summary>
    public Card? FormShownAgain { get; private set; }

    /// <summary>The thread the turn was written in: replies in the channel go to that thread (a kudos given in a thread is answered there).</summary>
    public string? ThreadTs { get; init; }

    /// <summary>When true (a modal submission), a re-shown form is kept for the modal's answer instead of being sent.</summary>
    public bool AnsweringModal { get; init; }

    public async Task<string?> ReplyAsync(BotMessage message, CancellationToken ct = default)
    {
        if (await OpenedAsModalAsync(message, ct).ConfigureAwait(false)) return null;
        if (!Turn.Conversation.IsPrivate && Turn.Conversation.Kind != ConversationKind.Direct)
        {
            try
            {
                return await PostAsync(Turn.Conversation.Id, message, ct, ThreadTs).ConfigureAwait(false);
            }
            catch (SlackApiException ex) when (ex.Error is "not_in_channel" or "channel_not_found" && responseUrl is not null)
            {
                // A slash command in a channel the bot has not joined: the command's response_url still reaches it.
                foreach (var part in await RenderAsync(message, ct).ConfigureAwait(false)) await api.RespondAsync(responseUrl, part, ephemeral: false, ct).ConfigureAwait(false);
                return null;
            }
            catch (SlackApiException ex) when (ex.Error is "not_in_channel" or "channel_not_found")
            {
                // A modal from a shortcut in a channel the bot is not in: said to the person instead, with how to fix it.
                var dm = await DirectChannelAsync(ct).ConfigureAwait(false);
                await PostAsync(dm, BotMessage.Say(NotInChannel), ct).ConfigureAwait(false);
                return await PostAsync(dm, message, ct).ConfigureAwait(false);
            }
        }
        return await PostAsync(await DirectChannelAsync(ct).ConfigureAwait(false), message, ct).ConfigureAwait(false);
    }

    public async Task<bool> ReplyPrivatelyAsync(BotMessage message, CancellationToken ct = default)
    {
        if (await OpenedAsModalAsync(message, ct).ConfigureAwait(false)) return true;
        try
        {
            if (Turn.Conversation.IsPrivate)
            {
                await PostAsync(Turn.Conversation.Id, message, ct).ConfigureAwait(false);
                return true;
            }
            if (IsConfidential(message))
            {
                // Support details never appear in a channel, even ephemerally: the DM holds them, the channel a pointer.
                await PostAsync(await DirectChannelAsync(ct).ConfigureAwait(false), message, ct).ConfigureAwait(false);
                await PrivatelyAsync(new SlackMessage(SentToDm), ct).ConfigureAwait(false);
                return true;
            }
            foreach (var part in await RenderAsync(message, ct).ConfigureAwait(false))
                await PrivatelyAsync(part, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            return false; // neither ephemeral, nor the command's private response, nor a DM reached them
        }
    }

    /// <summary>Ephemeral in the channel; else the command's private response, or a DM: never visible to anyone else.</summary>
    private async Task PrivatelyAsync(SlackMessage part, CancellationToken ct)
    {
        try
        {
            await api.PostEphemeralAsync(Turn.Conversation.Id, Turn.From.Id, part, ct).ConfigureAwait(false);
        }
        catch (SlackApiException)
        {
            if (responseUrl is not null && await api.RespondAsync(responseUrl, part, ephemeral: true, ct).ConfigureAwait(false)) return;
            await api.PostMessageAsync(await DirectChannelAsync(ct).ConfigureAwait(false), part, ct: ct).ConfigureAwait(false);
        }
    }

    private async Task<bool> OpenedAsModalAsync(BotMessage message, CancellationToken ct)
    {
        if (message.Card is not { } card || !card.Body.OfType<CardInput>().Any()) return false;
        if (AnsweringModal)
        {
            FormShownAgain = card;
            return true;
        }
        if (_triggerId is null) return false;
        try
        {
            await api.OpenViewAsync(_triggerId, BlockKitRenderer.Modal(card), ct).ConfigureAwait(false);
            _triggerId = null; // a trigger opens one modal
            return true;
        }
        catch (SlackApiException ex) when (ex.Error is "expired_trigger_id" or "invalid_trigger_id")
        {
            _triggerId = null;
            return false; // too late for a modal: send the form's button instead
        }
    }

    private async Task<string?> PostAsync(string channel, BotMessage message, CancellationToken ct, string? threadTs = null)
    {
        return await api.PostPartsAsync(channel, await RenderAsync(message, ct).ConfigureAwait(false), threadTs, ct).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<SlackMessage>> RenderAsync(BotMessage message, CancellationToken ct)
    {
        if (message.Card is { } card && card.Body.OfType<CardInput>().Any())
            await forms.RememberAsync(card, ct).ConfigureAwait(false);
        return BlockKitRenderer.Render(message);
    }

    public const string SentToDm = "I've sent you a direct message about that, so it stays between us.";

    private static bool IsConfidential(BotMessage message) =>
        message.Confidential || message.Card?.Kind.StartsWith("support-", StringComparison.Ordinal) == true && !message.Card.Body.OfType<CardInput>().Any();

    public const string NotInChannel = "I'm not a member of that channel, so I couldn't post there (add me with **/invite @WellnessBot**). Here is what I would have posted:";

    private string? _dm;

    private async Task<string> DirectChannelAsync(CancellationToken ct) =>
        _dm ??= Turn.Conversation.IsPrivate ? Turn.Conversation.Id : await api.OpenDmAsync(Turn.From.Id, ct).ConfigureAwait(false);
}
