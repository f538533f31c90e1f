using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// Reaction kudos: the program's emoji (Kudos:ReactionEmoji) on a colleague's message gives them a kudos from the
/// person who reacted, quoting the message; taking the reaction away before the digest withdraws it. A reaction is
/// quiet (no channel post: the colleague is told privately) and the person who reacted gets a private Undo.
/// </summary>
public sealed partial class KudosDialog
{
    /// <summary>The edge's report of a reaction added or removed: who wrote the message, where it is, and its words.</summary>
    public const string ReactedAction = "kudos.reacted", UnreactedAction = "kudos.unreacted";
    public const string AuthorValue = "author", MessageValue = "message-ref";

    /// <summary>When the channel stamped the event, in microseconds since 1970: the later of an add and a remove wins.</summary>
    public const string EventTimeValue = "event-at";

    /// <summary>
    /// A reaction is never an answer to a dialog waiting in the channel: every way out leaves it untouched. Only
    /// the edge makes these (<see cref="FormSubmission.FromChannelEvent"/>); a card's data naming them is ignored.
    /// </summary>
    private async Task<Engine.DialogOutcome> ReactionAsync(ITurnContext context, FormSubmission reaction, CancellationToken ct)
    {
        // One kudos per person, message and emoji: reacting again, or the channel delivering the event twice, is the same one.
        if (reaction.Value(MessageValue) is not { Length: <= 256 } messageRef || reaction.Value(AuthorValue) is not { } authorId) return Engine.DialogOutcome.Untouched;
        var key = "reaction:" + messageRef;
        var id = KudosStore.IdFor(context.Turn.From.Key + "|" + key);
        var at = long.TryParse(reaction.Value(EventTimeValue), out var stamped) ? stamped : context.Turn.ReceivedAt.ToUnixTimeMilliseconds() * 1000;
        var seen = new ReactionSeen(at, Added: false);
        if (reaction.ActionId == ReactedAction)
        {
            var author = await people.FindAsync(context.Turn, authorId, ct).ConfigureAwait(false);
            if (author is null || author.Key == context.Turn.From.Key || author.Id == context.Turn.Bot?.Id) return Engine.DialogOutcome.Untouched;
            var quoted = KudosText.Unmask(reaction.Value(FormSubmission.QuotedKey) ?? "");
            if (ReasonNotToQuote(quoted, author) is { } reason)
            {
                await context.ReplyPrivatelyAsync(BotMessage.Say(reason), ct).ConfigureAwait(false);
                return Engine.DialogOutcome.Untouched;
            }
            seen = new ReactionSeen(at, Added: true, authorId, KudosFromMessage.Quote(quoted));
        }
        if (await reactions.RecordAsync(id, seen, ct).ConfigureAwait(false)) await SettleAsync(context, id, key, ct).ConfigureAwait(false);
        return Engine.DialogOutcome.Untouched; // an event older than one already seen changes nothing
    }

    /// <summary>
    /// Makes the kudos match the last reaction event recorded, whichever event's turn gets here: an add and a remove
    /// (and another add) run side by side each settle on the same answer, so none is left standing or lost.
    /// </summary>
    private async Task SettleAsync(ITurnContext context, string id, string key, CancellationToken ct)
    {
        for (var round = 0; round < 3; round++)
        {
            if (await reactions.LatestAsync(id, ct).ConfigureAwait(false) is not { } latest) return;
            var found = await FindGivenAsync(context, id, ct).ConfigureAwait(false);
            if (latest is { Added: true, AuthorId: { } authorId } && found is null) await GiveForReactionAsync(context, authorId, latest.Quote, key, ct).ConfigureAwait(false);
            else if (!latest.Added && found is not null) await UnreactAsync(context, found, ct).ConfigureAwait(false);
            if ((await reactions.LatestAsync(id, ct).ConfigureAwait(false))?.At == latest.At) return;
        }
    }

    private async Task GiveForReactionAsync(ITurnContext context, string authorId, string? quote, string key, CancellationToken ct)
    {
        if (await people.FindAsync(context.Turn, authorId, ct).ConfigureAwait(false) is not { } author) return;
        var message = quote is not null ? $"👏 for their message: “{quote}”" : "👏 for their message";
        var draft = new KudosDraft(Engine.CardData.NewDraftId(), context.Turn.ReceivedAt, [author], KudosCategory.None, Anonymous: false, AwaitingForm: false, Quiet: true);
        await GiveAsync(context, draft, message, key, ct, byReaction: true).ConfigureAwait(false);
    }

    /// <summary>The reaction's kudos, this month's or last month's.</summary>
    private async Task<KudosRecord?> FindGivenAsync(ITurnContext context, string id, CancellationToken ct)
    {
        var now = Month.Of(clock.GetUtcNow(), program.Zone);
        foreach (var month in new[] { now, now.Previous })
            if (await kudos.GetAsync(month, id, ct).ConfigureAwait(false) is { } found && found.Giver.Key == context.Turn.From.Key)
                return found;
        return null;
    }

    /// <summary>A message is only quoted in a kudos when it could be read at the breakfast: no patient details, no one's distress.</summary>
    private string? ReasonNotToQuote(string quoted, UserRef author)
    {
        if (PatientDetails.Find(quoted).Count > 0) return Text.ReactionPatientDetails(author);
        return safety.Check(quoted) == Safety.SafetySignal.Crisis ? Text.ReactionHardWords(author) : null;
    }

    /// <summary>The reaction taken away: its kudos withdrawn while the digest is not out.</summary>
    private async Task UnreactAsync(ITurnContext context, KudosRecord found, CancellationToken ct)
    {
        if (await ledger.IsPostedAsync(found.Month, ct).ConfigureAwait(false))
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say(Text.AlreadyInDigest(found.Month)), ct).ConfigureAwait(false);
            return;
        }
        await kudos.WithdrawAsync(found, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Say(Text.Withdrawn), ct).ConfigureAwait(false);
    }
}
