using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>Kudos after they are given: edit, withdraw, "kudos mine", and the private notes setting.</summary>
public sealed partial class KudosDialog
{
    private async Task<DialogOutcome> EditAsync(ITurnContext context, FormSubmission edit, CancellationToken ct)
    {
        var found = await FindOwnAsync(context, edit, ct).ConfigureAwait(false);
        if (found is not null)
            await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.Edit(found)), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    private async Task<DialogOutcome> SaveAsync(ITurnContext context, FormSubmission save, CancellationToken ct)
    {
        var found = await FindOwnAsync(context, save, ct).ConfigureAwait(false);
        if (found is null) return DialogOutcome.End;
        var message = KudosText.Unmask(DisplayText.Clean(save.Value(KudosCards.MessageInput) ?? "").Trim());
        var identifiers = PatientDetails.Find(message);
        if (message.Length == 0 || message.Length > KudosRecord.MaxMessageLength || identifiers.Count > 0)
        {
            var problem = new FormProblem(KudosCards.MessageInput, message.Length == 0 ? Text.NoMessage
                : identifiers.Count > 0 ? Text.PatientDetails(PatientDetails.Highlighted(message, identifiers)) : Text.TooLong(message.Length));
            await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.Edit(found, problem, message)), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        var category = KudosCategories.Parse(save.Value(KudosCards.CategoryInput));
        var anonymous = save.Value(KudosCards.AnonymousInput) == "true";
        if (safety.Check(message) == Safety.SafetySignal.Crisis)
        {
            // Shown to colleagues and read aloud: crisis wording is only saved when the giver says so.
            await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.CheckWording(message)), ct).ConfigureAwait(false);
            return DialogOutcome.Wait(new KudosDraft(found.Id, found.GivenAt, found.Recipients, category, anonymous, AwaitingForm: false,
                Unsent: message, EditingId: found.Id, EditingMonth: found.Month.ToString()));
        }
        return await ApplyEditAsync(context, found, message, category, anonymous, ct).ConfigureAwait(false);
    }

    /// <summary>An edit with crisis wording the giver chose to save as written.</summary>
    private async Task<DialogOutcome> SaveEditAsync(ITurnContext context, KudosDraft draft, string message, CancellationToken ct)
    {
        var found = await FindOwnAsync(context, draft.EditingId, draft.EditingMonth, ct).ConfigureAwait(false);
        return found is null ? DialogOutcome.End : await ApplyEditAsync(context, found, message, draft.Category, draft.Anonymous, ct).ConfigureAwait(false);
    }

    /// <summary>Back to the edit card, with the words the giver wrote, to change them.</summary>
    private async Task<DialogOutcome> ChangeEditAsync(ITurnContext context, KudosDraft draft, CancellationToken ct)
    {
        var found = await FindOwnAsync(context, draft.EditingId, draft.EditingMonth, ct).ConfigureAwait(false);
        if (found is not null)
            await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.Edit(found, null, draft.Unsent)), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    private async Task<DialogOutcome> ApplyEditAsync(ITurnContext context, KudosRecord found, string message, KudosCategory category, bool anonymous, CancellationToken ct)
    {
        var changed = found with { Message = message, Category = category, Anonymous = anonymous, EditedAt = clock.GetUtcNow() };
        var saved = await kudos.UpdateAsync(changed, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(saved is null ? BotMessage.Say(Text.Gone) : BotMessage.Show(KudosCards.Confirmation(saved, repeat: false) with { Title = "Kudos updated ✔" }), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    private async Task<DialogOutcome> WithdrawAsync(ITurnContext context, FormSubmission withdraw, CancellationToken ct)
    {
        var found = await FindOwnAsync(context, withdraw, ct).ConfigureAwait(false);
        if (found is null) return DialogOutcome.End;
        await kudos.WithdrawAsync(found, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Say(Text.Withdrawn), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    /// <summary>The giver's own kudos named by a card button, while it can still change; otherwise explains why not.</summary>
    private Task<KudosRecord?> FindOwnAsync(ITurnContext context, FormSubmission submission, CancellationToken ct) =>
        FindOwnAsync(context, submission.Value("id"), submission.Value("month"), ct);

    private async Task<KudosRecord?> FindOwnAsync(ITurnContext context, string? id, string? month, CancellationToken ct)
    {
        // Card data comes back from the client: only an id the store could have made is looked up.
        var found = !KudosStore.IsId(id) || !Month.TryParseStored(month, out var stored) ? null : await kudos.GetAsync(stored, id!, ct).ConfigureAwait(false);
        string? problem = found is null ? Text.Gone
            : found.Giver.Key != context.Turn.From.Key ? Text.NotYours
            : await ledger.IsPostedAsync(found.Month, ct).ConfigureAwait(false) ? Text.AlreadyInDigest(found.Month)
            : null;
        if (problem is null) return found;
        await context.ReplyPrivatelyAsync(BotMessage.Say(problem), ct).ConfigureAwait(false);
        return null;
    }

    private async Task<DialogOutcome> ShowMineAsync(ITurnContext context, CancellationToken ct)
    {
        var month = program.ThisMonth(clock);
        var given = await kudos.GivenAsync(context.Turn.From, month, ct).ConfigureAwait(false);
        var received = await kudos.ReceivedAsync(context.Turn.From, month, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.Mine(month, given, received)), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    private async Task<DialogOutcome> SetNotesAsync(ITurnContext context, bool on, CancellationToken ct)
    {
        await preferences.SetNotesAsync(context.Turn.From, on, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Say(on ? Text.NotesOn : Text.NotesOff), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }
}
