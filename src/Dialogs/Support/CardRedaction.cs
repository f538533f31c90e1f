using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>Why a card's details are taken back; each says so in neutral words, with nothing of the request in them.</summary>
public enum Redaction { MovedOn, Closed, Erased }

/// <summary>
/// Takes a request's details back from the cards that showed them: each card is updated in place (Teams: update
/// activity; Slack: chat.update) to a neutral text. A channel that fails is logged and the flow carries on; the
/// purge tries every card again.
/// </summary>
public sealed class CardRedaction(IProactiveMessenger messenger, ILogger<CardRedaction> logger)
{
    /// <summary>The cards of one person (a supporter who declined, timed out, left the roster). Returns how many the channel failed on.</summary>
    public Task<int> FromAsync(SupportRequest request, UserRef person, Redaction why, CancellationToken ct) =>
        RedactAsync(request, request.Shown.Where(c => c.IsFor(person)), why, ct);

    /// <summary>Every card, for everyone, the assigned supporter and coordinators included. Returns how many the channel failed on.</summary>
    public Task<int> EverywhereAsync(SupportRequest request, Redaction why, CancellationToken ct) => RedactAsync(request, request.Shown, why, ct);

    private async Task<int> RedactAsync(SupportRequest request, IEnumerable<ShownCard> cards, Redaction why, CancellationToken ct)
    {
        var neutral = BotMessage.Show(SupportCards.Redacted(request.Reference, why));
        var failed = 0;
        foreach (var card in cards)
        {
            try
            {
                // False: the message or its chat is gone, so nothing is left to take back.
                await messenger.UpdateUserMessageAsync(new UserRef(card.Channel, card.UserId, ""), new SentMessage(card.ConversationId, card.MessageId), neutral, ct)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.CardNotRedacted(request.Reference, ex.GetType().Name);
                failed++;
            }
        }
        return failed;
    }
}
