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
public sealed class KudosDialog(
    KudosStore kudos,
    DigestLedger ledger,
    KudosPreferences preferences,
    IPeopleDirectory people,
    IProactiveMessenger messenger,
    ProgramSettings program,
    TimeProvider clock) : IDialog
{
    public const string Command = "kudos";
    public const string SubmitAction = "kudos.submit";
    public const string EditAction = "kudos.edit";
    public const string SaveAction = "kudos.save";
    public const string WithdrawAction = "kudos.withdraw";

    public string Name => Command;

    /// <summary>Between turns: who it is for, and whether we wait for the message or for the form.</summary>
    public sealed record KudosDraft(string DraftId, DateTimeOffset StartedAt, IReadOnlyList<UserRef> To, KudosCategory Category, bool Anonymous, bool AwaitingForm);

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

        var draft = new KudosDraft(Guid.NewGuid().ToString("N"), clock.GetUtcNow(), parsed.Recipients, parsed.Category, parsed.Anonymous, AwaitingForm: false);
        if (parsed.Recipients.Count == 0)
            return await ShowFormAsync(context, draft, parsed.Message, problem: null, ct).ConfigureAwait(false);
        if (parsed.Message.Length == 0)
        {
            await context.ReplyAsync(BotMessage.Say(Text.AskForMessage(parsed.Recipients, dialog.Turn.From)), ct).ConfigureAwait(false);
            return DialogOutcome.Wait(draft);
        }
        if (parsed.Message.Length > KudosRecord.MaxMessageLength)
            return await ShowFormAsync(context, draft, parsed.Message, Text.TooLong(parsed.Message.Length), ct).ConfigureAwait(false);

        await GiveAsync(context, draft with { StartedAt = dialog.Turn.ReceivedAt }, parsed.Message, IdempotencyKey(dialog.Turn), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    public async Task<DialogOutcome> ContinueAsync(DialogContext dialog, CancellationToken ct)
    {
        var context = dialog.Context;
        var draft = dialog.State<KudosDraft>();
        switch (dialog.Turn.Submission)
        {
            case { ActionId: SubmitAction } form:
                return await SubmitFormAsync(context, form, draft, ct).ConfigureAwait(false);
            case { ActionId: EditAction } edit:
                return await EditAsync(context, edit, ct).ConfigureAwait(false);
            case { ActionId: SaveAction } save:
                return await SaveAsync(context, save, ct).ConfigureAwait(false);
            case { ActionId: WithdrawAction } withdraw:
                return await WithdrawAsync(context, withdraw, ct).ConfigureAwait(false);
            case not null:
                return DialogOutcome.End;
        }

        if (draft is null || draft.AwaitingForm)
        {
            await context.ReplyAsync(BotMessage.Say(Text.FillInTheForm), ct).ConfigureAwait(false);
            return draft is null ? DialogOutcome.End : DialogOutcome.Wait(draft);
        }
        var message = dialog.Turn.Text.Trim();
        if (message.Length > KudosRecord.MaxMessageLength)
            return await ShowFormAsync(context, draft, message, Text.TooLong(message.Length), ct).ConfigureAwait(false);
        await GiveAsync(context, draft, message, IdempotencyKey(dialog.Turn), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    private async Task<DialogOutcome> ShowFormAsync(ITurnContext context, KudosDraft draft, string? message, string? problem, CancellationToken ct)
    {
        await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.Form(draft.DraftId, draft.StartedAt, message, draft.Category, draft.Anonymous, problem)), ct).ConfigureAwait(false);
        return DialogOutcome.Wait(draft with { AwaitingForm = true });
    }

    private async Task<DialogOutcome> SubmitFormAsync(ITurnContext context, FormSubmission form, KudosDraft? draft, CancellationToken ct)
    {
        var draftId = form.Value("draft") ?? draft?.DraftId ?? Guid.NewGuid().ToString("N");
        var started = long.TryParse(form.Value("started"), CultureInfo.InvariantCulture, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : clock.GetUtcNow();
        var message = (form.Value(KudosCards.MessageInput) ?? "").Trim();
        var category = KudosCategories.Parse(form.Value(KudosCards.CategoryInput));
        var anonymous = form.Value(KudosCards.AnonymousInput) == "true";
        var retry = new KudosDraft(draftId, started, [], category, anonymous, AwaitingForm: true);

        var recipients = new List<UserRef>(draft?.To ?? []);
        foreach (var picked in (form.Value(KudosCards.RecipientsInput) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var person = await people.FindAsync(context.Turn, picked, ct).ConfigureAwait(false);
            if (person is null)
                return await ShowFormAsync(context, retry, message, Text.PickedPersonUnknown, ct).ConfigureAwait(false);
            if (person.Id == context.Turn.Bot?.Id)
                return await ShowFormAsync(context, retry, message, Text.BotAsRecipient, ct).ConfigureAwait(false);
            if (recipients.All(r => r.Key != person.Key)) recipients.Add(person);
        }
        if (form.Value(KudosCards.IncludeMeInput) == "true" && recipients.All(r => r.Key != context.Turn.From.Key))
            recipients.Add(context.Turn.From);

        if (recipients.Count == 0) return await ShowFormAsync(context, retry, message, Text.NoRecipient, ct).ConfigureAwait(false);
        if (message.Length == 0) return await ShowFormAsync(context, retry, message, Text.NoMessage, ct).ConfigureAwait(false);
        if (message.Length > KudosRecord.MaxMessageLength) return await ShowFormAsync(context, retry, message, Text.TooLong(message.Length), ct).ConfigureAwait(false);

        await GiveAsync(context, retry with { To = recipients }, message, "draft:" + draftId, ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    private async Task GiveAsync(ITurnContext context, KudosDraft draft, string message, string idempotencyKey, CancellationToken ct)
    {
        var turn = context.Turn;
        var record = new KudosRecord
        {
            Id = KudosStore.IdFor(turn.From.Key + "|" + idempotencyKey),
            Month = KudosRecord.MonthOf(draft.StartedAt, program.Zone),
            Giver = turn.From,
            Recipients = draft.To,
            Message = message,
            Category = draft.Category,
            Anonymous = draft.Anonymous,
            GivenAt = draft.StartedAt,
        };
        var (stored, created) = await kudos.AddAsync(record, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.Confirmation(stored, repeat: !created)), ct).ConfigureAwait(false);
        if (!created) return;

        var unreachable = new List<string>();
        foreach (var recipient in stored.Recipients.Where(r => r.Key != stored.Giver.Key))
        {
            if (!await preferences.WantsNotesAsync(recipient, ct).ConfigureAwait(false)) continue;
            if (!await messenger.SendToUserAsync(recipient, KudosCards.RecipientNote(stored), ct).ConfigureAwait(false))
                unreachable.Add(recipient.Name);
        }
        if (unreachable.Count > 0)
            await context.ReplyPrivatelyAsync(BotMessage.Say(Text.CouldNotNotify(unreachable)), ct).ConfigureAwait(false);
        if (!turn.Conversation.IsPrivate)
            await context.ReplyAsync(KudosCards.ChannelShoutOut(stored), ct).ConfigureAwait(false);
    }

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
        var message = (save.Value(KudosCards.MessageInput) ?? "").Trim();
        if (message.Length == 0 || message.Length > KudosRecord.MaxMessageLength)
        {
            var problem = message.Length == 0 ? Text.NoMessage : Text.TooLong(message.Length);
            await context.ReplyPrivatelyAsync(BotMessage.Show(KudosCards.Edit(found, problem, message)), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        var changed = found with
        {
            Message = message,
            Category = KudosCategories.Parse(save.Value(KudosCards.CategoryInput)),
            Anonymous = save.Value(KudosCards.AnonymousInput) == "true",
            EditedAt = clock.GetUtcNow(),
        };
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
    private async Task<KudosRecord?> FindOwnAsync(ITurnContext context, FormSubmission submission, CancellationToken ct)
    {
        var (id, month) = (submission.Value("id"), submission.Value("month"));
        var found = id is null || month is null ? null : await kudos.GetAsync(month, id, ct).ConfigureAwait(false);
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
        var month = KudosRecord.MonthOf(clock.GetUtcNow(), program.Zone);
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

    /// <summary>The same message delivered twice (channel retries) must give one kudos.</summary>
    private static string IdempotencyKey(Turn turn) =>
        turn.ActivityId is { Length: > 0 } id ? "msg:" + turn.Conversation.Key + "|" + id : "once:" + Guid.NewGuid().ToString("N");

    private static class Text
    {
        public const string BotAsRecipient = "That's very kind, but I'm a bot, so I can't receive kudos! Recognise a colleague instead: **kudos @name thanks for…**";
        public const string FillInTheForm = "Please fill in the kudos form above and press **Send kudos**, or type **cancel**.";
        public const string NoRecipient = "Please pick at least one colleague, or turn on \"Include me\" to highlight yourself.";
        public const string NoMessage = "Please write a short message: what did they do that made a difference?";
        public const string PickedPersonUnknown = "I couldn't find one of the people you picked. They may not have WellnessBot yet: ask them to open it once in Teams, then try again.";
        public const string Withdrawn = "Your kudos has been withdrawn. It won't appear in the digest.";
        public const string Gone = "That kudos no longer exists (it may have been withdrawn).";
        public const string NotYours = "Only the person who gave a kudos can change it.";
        public const string NotesOn = "You'll get a private note when someone recognises you.";
        public const string NotesOff = "Okay, no more private notes when someone recognises you. Your kudos still appear in the monthly digest. Type **kudos notes on** to turn them back on.";

        public static string AskForMessage(IReadOnlyList<UserRef> to, UserRef giver) =>
            $"What would you like to say to {string.Join(" and ", to.Select(r => r.Key == giver.Key ? "yourself" : r.Name))}? Type your message (up to {KudosRecord.MaxMessageLength} characters).";

        public static string TooLong(int length) =>
            $"Your message is {length} characters; the limit is {KudosRecord.MaxMessageLength}. I've kept your text in the form below so you can shorten it.";

        public static string UnknownPerson(string name, string original) =>
            $"I couldn't find {name}. Please @mention them so Teams links the right person (type @ and pick their name from the list), then send it again. Here's what you wrote: {original}";

        public static string CouldNotNotify(IReadOnlyList<string> names) =>
            $"Your kudos is saved for the breakfast, but I couldn't send {string.Join(" and ", names)} a private note (they may not have WellnessBot yet).";

        public static string AlreadyInDigest(string month) =>
            $"The {KudosRecord.MonthTitle(month)} digest has already been posted, so this kudos can no longer be changed.";
    }
}
