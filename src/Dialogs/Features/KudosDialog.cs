using System.Text.Json;
using System.Globalization;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// "kudos @colleague thanks for…": recognise colleagues (or yourself) for the monthly program breakfast.
/// Missing parts are asked for, never errored: no recipient → the form; no message → a prompt. Also
/// "kudos mine" (this month, given and received) and "kudos notes off|on".
/// </summary>
public sealed partial class KudosDialog(
    KudosStore kudos,
    DigestLedger ledger,
    KudosPreferences preferences,
    IPeopleDirectory people,
    Outbox.Outbox outbox,
    ProgramSettings program,
    KudosSettings limits,
    Safety.SafetyNet safety,
    ReactionLedger reactions,
    TimeProvider clock) : IDialog
{
    public const string Command = "kudos";
    public const string SubmitAction = "kudos.submit";
    public const string EditAction = "kudos.edit";
    public const string SaveAction = "kudos.save";
    public const string WithdrawAction = "kudos.withdraw";
    /// <summary>Crisis wording in a kudos: send it as written, change it, or don't send it.</summary>
    public const string SendAsWrittenAction = "kudos.send-as-written";
    public const string ChangeAction = "kudos.change";
    public const string DropAction = "kudos.drop";
    /// <summary>After a crisis message put the kudos aside: finish it.</summary>
    public const string ResumeAction = "kudos.resume";

    public string Name => Command;

    /// <summary>
    /// Between turns: who it is for, and whether we wait for the message or for the form. A message with crisis
    /// wording waits in <see cref="Unsent"/> (with the key that keeps it one kudos) until the giver says to send it;
    /// for an edit, <see cref="EditingId"/> and <see cref="EditingMonth"/> name the kudos it changes.
    /// </summary>
    public sealed record KudosDraft(string DraftId, DateTimeOffset StartedAt, IReadOnlyList<UserRef> To, KudosCategory Category, bool Anonymous, bool AwaitingForm,
        string? Unsent = null, string? UnsentKey = null, string? EditingId = null, string? EditingMonth = null, bool Quiet = false, bool NotForBreakfast = false);

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        var context = dialog.Context;
        var words = argument.Trim().ToLowerInvariant();
        if (words == "mine") return await ShowMineAsync(context, ct).ConfigureAwait(false);
        if (words is "notes off" or "notes on") return await SetNotesAsync(context, words == "notes on", ct).ConfigureAwait(false);

        var parsed = KudosText.Parse(argument, dialog.Turn);
        if (parsed.NamesTheBot && parsed.Recipients.Count == 0)
        {
            await context.ReplyAsync(BotMessage.Say(Text.BotAsRecipient), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        if (parsed.UnknownName is { } unknown)
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say(Text.UnknownPerson(unknown, argument)), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }

        if (parsed.Recipients.Count > limits.MaxRecipients)
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say(Text.TooMany(limits.MaxRecipients)), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        var draft = new KudosDraft(CardData.NewDraftId(), clock.GetUtcNow(), parsed.Recipients, parsed.Category, parsed.Anonymous, AwaitingForm: false,
            Quiet: parsed.Quiet, NotForBreakfast: parsed.NotForBreakfast);
        if (parsed.Recipients.Count == 0)
            return await ShowFormAsync(context, draft, parsed.Message, problem: null, ct).ConfigureAwait(false);
        if (parsed.Message.Length == 0)
        {
            await context.ReplyAsync(BotMessage.Say(Text.AskForMessage(parsed.Recipients, dialog.Turn.From)), ct).ConfigureAwait(false);
            return DialogOutcome.Wait(draft);
        }
        if (parsed.Message.Length > KudosRecord.MaxMessageLength)
            return await ShowFormAsync(context, draft, parsed.Message, new FormProblem(KudosCards.MessageInput, Text.TooLong(parsed.Message.Length)), ct).ConfigureAwait(false);

        return await GiveOrAskAsync(context, draft with { StartedAt = dialog.Turn.ReceivedAt }, parsed.Message, IdempotencyKey(dialog.Turn), ct).ConfigureAwait(false);
    }

    public async Task<DialogOutcome> ContinueAsync(DialogContext dialog, CancellationToken ct)
    {
        var context = dialog.Context;
        var draft = dialog.State<KudosDraft>();
        switch (dialog.Turn.Submission)
        {
            case { ActionId: SubmitAction } form when draft is not null && CardData.DraftId(form.Value("draft")) is { } formDraft && formDraft != draft.DraftId:
                // Another form than the kudos waiting here ("Give kudos" on a message, an older card): its own recipients, and the
                // waiting one waits on. A form shown again carries its own draft; only the wording check needs the dialog's state.
                var other = await SubmitFormAsync(context, form, draft: null, ct).ConfigureAwait(false);
                return other.IsWaiting && JsonSerializer.Deserialize<KudosDraft>(other.StateJson!, DialogJson.Options)?.Unsent is not null ? other : DialogOutcome.Untouched;
            case { ActionId: SubmitAction } form:
                return await SubmitFormAsync(context, form, draft, ct).ConfigureAwait(false);
            case { ActionId: EditAction } edit:
                return await EditAsync(context, edit, ct).ConfigureAwait(false);
            case { ActionId: SaveAction } save:
                return await SaveAsync(context, save, ct).ConfigureAwait(false);
            case { ActionId: WithdrawAction } withdraw:
                return await WithdrawAsync(context, withdraw, ct).ConfigureAwait(false);
            case { ActionId: ReactedAction or UnreactedAction, FromChannelEvent: true } reaction:
                return await ReactionAsync(context, reaction, ct).ConfigureAwait(false);
            case { ActionId: SendAsWrittenAction or ChangeAction or DropAction or ResumeAction } choice:
                return await ChosenAsync(context, choice.ActionId, draft, ct).ConfigureAwait(false);
            case not null:
                return DialogOutcome.End;
        }

        if (draft is null || draft.AwaitingForm || draft.Unsent is not null)
        {
            await context.ReplyAsync(BotMessage.Say(draft?.Unsent is null ? Text.FillInTheForm : Text.ChooseOnTheCard), ct).ConfigureAwait(false);
            return draft is null ? DialogOutcome.End : DialogOutcome.Wait(draft);
        }
        var message = dialog.Turn.Text.Trim();
        if (message.Length > KudosRecord.MaxMessageLength)
            return await ShowFormAsync(context, draft, message, new FormProblem(KudosCards.MessageInput, Text.TooLong(message.Length)), ct).ConfigureAwait(false);
        return await GiveOrAskAsync(context, draft, message, IdempotencyKey(dialog.Turn), ct).ConfigureAwait(false);
    }

    /// <summary>The kudos waiting aside after a crisis message: asked about, with nothing saved.</summary>
    public BotMessage PutAside(DialogContext dialog) =>
        BotMessage.Show(KudosCards.OnHold(dialog.State<KudosDraft>()?.To ?? [], dialog.Turn.From));

    /// <summary>
    /// Kudos are shown to colleagues, in the channel and at the breakfast: one whose words read as a crisis is
    /// only given when the giver says so, after seeing it again.
    /// </summary>
    private async Task<DialogOutcome> GiveOrAskAsync(ITurnContext context, KudosDraft draft, string message, string idempotencyKey, CancellationToken ct)
    {
        message = KudosText.Unmask(DisplayText.Clean(message)); // no hidden controls; a link is shown as the address it goes to, never behind other words
        // Patient details never reach a channel, a digest or the breakfast: the form comes back, privately, with them marked.
        if (PatientDetails.Find(message) is { Count: > 0 } identifiers)
            return await ShowFormAsync(context, draft, message, new FormProblem(KudosCards.MessageInput, Text.PatientDetails(PatientDetails.Highlighted(message, identifiers))), ct)
                .ConfigureAwait(false);
        if (safety.Check(message) == Safety.SafetySignal.Crisis)
        {
            await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.CheckWording(message)), ct).ConfigureAwait(false);
            return DialogOutcome.Wait(draft with { AwaitingForm = false, Unsent = message, UnsentKey = idempotencyKey });
        }
        await GiveAsync(context, draft, message, idempotencyKey, ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    /// <summary>The giver's answer on the wording check, or on the kudos put aside after a crisis message.</summary>
    private async Task<DialogOutcome> ChosenAsync(ITurnContext context, string action, KudosDraft? draft, CancellationToken ct)
    {
        if (draft is null)
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say(Text.NothingWaiting), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        switch (action)
        {
            case DropAction:
                await context.ReplyPrivatelyAsync(BotMessage.Say(Text.Dropped), ct).ConfigureAwait(false);
                return DialogOutcome.End;
            case ResumeAction when draft.AwaitingForm || draft.To.Count == 0:
                return await ShowFormAsync(context, draft, null, problem: null, ct).ConfigureAwait(false);
            case ResumeAction:
                await context.ReplyPrivatelyAsync(BotMessage.Say(Text.AskForMessage(draft.To, context.Turn.From)), ct).ConfigureAwait(false);
                return DialogOutcome.Wait(draft);
            case ChangeAction when draft.EditingId is not null:
                return await ChangeEditAsync(context, draft, ct).ConfigureAwait(false);
            case ChangeAction:
                return await ShowFormAsync(context, draft with { Unsent = null, UnsentKey = null }, draft.Unsent, problem: null, ct).ConfigureAwait(false);
            case SendAsWrittenAction when draft.Unsent is { } unsent && draft.EditingId is not null:
                return await SaveEditAsync(context, draft, unsent, ct).ConfigureAwait(false);
            case SendAsWrittenAction when draft.Unsent is { } unsent:
                await GiveAsync(context, draft, unsent, draft.UnsentKey ?? "draft:" + draft.DraftId, ct).ConfigureAwait(false);
                return DialogOutcome.End;
            default:
                await context.ReplyPrivatelyAsync(BotMessage.Say(Text.NothingWaiting), ct).ConfigureAwait(false);
                return DialogOutcome.End;
        }
    }

    private async Task<DialogOutcome> ShowFormAsync(ITurnContext context, KudosDraft draft, string? message, FormProblem? problem, CancellationToken ct)
    {
        await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.Form(draft.DraftId, draft.StartedAt, message, draft.Category, draft.Anonymous, problem, draft.To, draft.Quiet, draft.NotForBreakfast)), ct).ConfigureAwait(false);
        return DialogOutcome.Wait(draft with { AwaitingForm = true });
    }

    private async Task<DialogOutcome> SubmitFormAsync(ITurnContext context, FormSubmission form, KudosDraft? draft, CancellationToken ct)
    {
        var draftId = CardData.DraftId(form.Value("draft")) ?? draft?.DraftId ?? CardData.NewDraftId();
        var started = CardData.Instant(form.Value("started"), clock.GetUtcNow()) ?? clock.GetUtcNow();
        var message = (form.Value(KudosCards.MessageInput) ?? "").Trim();
        var category = KudosCategories.Parse(form.Value(KudosCards.CategoryInput));
        var anonymous = form.Value(KudosCards.AnonymousInput) == "true";
        var quiet = form.Value(KudosCards.QuietInput) == "true";
        var notForBreakfast = form.Value(KudosCards.NotForBreakfastInput) == "true";
        // Shown again on a problem, the form keeps whoever was already named ("kudos @Ben …" that came to the form).
        var named = draft?.To is { Count: > 0 } inState ? inState : KudosCards.NamedOnForm(form.Value("to"), context.Turn.From.Channel);
        var retry = new KudosDraft(draftId, started, named, category, anonymous, AwaitingForm: true, Quiet: quiet, NotForBreakfast: notForBreakfast);

        var recipients = new List<UserRef>(named);
        var pickedIds = (form.Value(KudosCards.RecipientsInput) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (pickedIds.Length > limits.MaxRecipients)
            return await ShowFormAsync(context, retry, message, new FormProblem(KudosCards.RecipientsInput, Text.TooMany(limits.MaxRecipients)), ct).ConfigureAwait(false);
        foreach (var picked in pickedIds)
        {
            var person = await people.FindAsync(context.Turn, picked, ct).ConfigureAwait(false);
            if (person is null)
                return await ShowFormAsync(context, retry, message, new FormProblem(KudosCards.RecipientsInput, Text.PickedPersonUnknown), ct).ConfigureAwait(false);
            if (person.Id == context.Turn.Bot?.Id)
                return await ShowFormAsync(context, retry, message, new FormProblem(KudosCards.RecipientsInput, Text.BotAsRecipient), ct).ConfigureAwait(false);
            if (recipients.All(r => r.Key != person.Key)) recipients.Add(person);
        }
        if (form.Value(KudosCards.IncludeMeInput) == "true" && recipients.All(r => r.Key != context.Turn.From.Key))
            recipients.Add(context.Turn.From);

        if (recipients.Count == 0) return await ShowFormAsync(context, retry, message, new FormProblem(KudosCards.RecipientsInput, Text.NoRecipient), ct).ConfigureAwait(false);
        if (recipients.Count > limits.MaxRecipients)
            return await ShowFormAsync(context, retry, message, new FormProblem(KudosCards.RecipientsInput, Text.TooMany(limits.MaxRecipients)), ct).ConfigureAwait(false);
        if (message.Length == 0) return await ShowFormAsync(context, retry, message, new FormProblem(KudosCards.MessageInput, Text.NoMessage), ct).ConfigureAwait(false);
        if (message.Length > KudosRecord.MaxMessageLength) return await ShowFormAsync(context, retry, message, new FormProblem(KudosCards.MessageInput, Text.TooLong(message.Length)), ct).ConfigureAwait(false);

        return await GiveOrAskAsync(context, retry with { To = recipients }, message, "draft:" + draftId, ct).ConfigureAwait(false);
    }

    private async Task GiveAsync(ITurnContext context, KudosDraft draft, string message, string idempotencyKey, CancellationToken ct, bool byReaction = false)
    {
        var turn = context.Turn;
        if (await OverDailyLimitAsync(turn.From, KudosStore.IdFor(turn.From.Key + "|" + idempotencyKey), draft, ct).ConfigureAwait(false))
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say(Text.DailyLimit(limits.MaxPerDay, message)), ct).ConfigureAwait(false);
            return;
        }
        var record = new KudosRecord
        {
            Id = KudosStore.IdFor(turn.From.Key + "|" + idempotencyKey),
            Month = Month.Of(draft.StartedAt, program.Zone),
            Giver = turn.From,
            Recipients = draft.To,
            Message = message,
            Category = draft.Category,
            Anonymous = draft.Anonymous,
            Quiet = draft.Quiet,
            NotForBreakfast = draft.NotForBreakfast,
            GivenAt = draft.StartedAt,
        };
        var (stored, created) = await kudos.AddAsync(record, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.Confirmation(stored, repeat: !created, byReaction)), ct).ConfigureAwait(false);

        // Asked for again even when the kudos was already saved: a turn run again after a crash finds the notes
        // it had not sent yet; the outbox sends each one once, and tries again later when the channel fails.
        var unreachable = new List<string>();
        foreach (var recipient in stored.Recipients.Where(r => r.Key != stored.Giver.Key))
        {
            if (!await preferences.WantsNotesAsync(recipient, ct).ConfigureAwait(false)) continue;
            var note = await outbox.ToUserFromTurnAsync(StorageKeys.KudosNote(stored.Id, recipient), recipient, KudosCards.RecipientNote(stored), firstAsked: created, ct).ConfigureAwait(false);
            if (note == Outbox.Delivery.Unreachable) unreachable.Add(recipient.Name);
        }
        if (unreachable.Count > 0)
            await context.ReplyPrivatelyAsync(BotMessage.Say(Text.CouldNotNotify(unreachable)), ct).ConfigureAwait(false);
        if (created && !turn.Conversation.IsPrivate && !stored.Quiet)
            await context.ReplyAsync(KudosCards.ChannelShoutOut(stored), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Kudos:MaxPerDay in the last 24 hours already. The same kudos asked for again (a turn run again after a crash)
    /// is never refused: it was counted when it was given.
    /// </summary>
    private async Task<bool> OverDailyLimitAsync(UserRef giver, string kudosId, KudosDraft draft, CancellationToken ct) =>
        await kudos.CountGivenSinceAsync(giver, clock.GetUtcNow() - TimeSpan.FromDays(1), ct).ConfigureAwait(false) >= limits.MaxPerDay
        && await kudos.GetAsync(Month.Of(draft.StartedAt, program.Zone), kudosId, ct).ConfigureAwait(false) is null;

    /// <summary>The same message delivered twice (channel retries) must give one kudos.</summary>
    private static string IdempotencyKey(Turn turn) =>
        turn.ActivityId is { Length: > 0 } id ? "msg:" + turn.Conversation.Key + "|" + id : "once:" + Guid.NewGuid().ToString("N");
}
