using System.Security.Cryptography;
using System.Text;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// "support for @Ben" (or "Worried about someone else?" on the support form): a colleague asks H3 to reach out to
/// someone. Answered only privately, from anywhere. The person is never told who asked unless the referrer chose so.
/// </summary>
public sealed class ReferralDialog(
    SupportRouting routing,
    SupportRequests requests,
    IPeopleDirectory people,
    Safety.SafetyNet safety,
    TimeProvider clock) : IDialog
{
    public const string Command = "referral";
    public const string StartAction = "referral.start";
    public const string SubmitAction = "referral.submit";

    public string Name => Command;

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        var context = dialog.Context;
        var turn = context.Turn;
        var named = turn.Mentions.Where(m => m.Id != turn.Bot?.Id).DistinctBy(m => m.Key).ToList();
        string? problem = named switch
        {
            [var only] when only.Key == turn.From.Key => "To ask for support for yourself, type **support**. 💙",
            { Count: > 1 } => "One colleague at a time, please, so each gets their own quiet offer. Type **support for @name** for each.",
            _ => null,
        };
        if (problem is not null)
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say(problem), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        await context.ReplyPrivatelyAsync(BotMessage.Show(OutreachCards.ReferralForm(CardData.NewDraftId(), named.FirstOrDefault())), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    public async Task<DialogOutcome> ContinueAsync(DialogContext dialog, CancellationToken ct)
    {
        var context = dialog.Context;
        switch (dialog.Turn.Submission)
        {
            case { ActionId: StartAction }:
                await context.ReplyPrivatelyAsync(BotMessage.Show(OutreachCards.ReferralForm(CardData.NewDraftId(), null)), ct).ConfigureAwait(false);
                return DialogOutcome.End;
            case { ActionId: SubmitAction } form:
                await SubmitAsync(context, form, ct).ConfigureAwait(false);
                return DialogOutcome.End;
            default:
                return DialogOutcome.End;
        }
    }

    private async Task SubmitAsync(ITurnContext context, FormSubmission form, CancellationToken ct)
    {
        var me = context.Turn.From;
        var draft = CardData.DraftId(form.Value("draft")) ?? CardData.NewDraftId();
        var person = await PersonAsync(context.Turn, form, ct).ConfigureAwait(false);
        var note = (form.Value(SupportCards.NoteInput) ?? "").Trim();
        var again = person is null || form.Value("personName") is null ? null : person; // the form again keeps who was named
        FormProblem? problem =
            person is null ? new FormProblem(OutreachCards.PersonInput, "I couldn't find that colleague. Please pick them from the list.")
            : person.Key == me.Key ? new FormProblem(OutreachCards.PersonInput, "To ask for support for yourself, type support.")
            : person.Id == context.Turn.Bot?.Id ? new FormProblem(OutreachCards.PersonInput, "That's me! Please pick the colleague you're worried about.")
            : note.Length > OutreachText.MaxNoteLength ? new FormProblem(SupportCards.NoteInput,
                $"Please keep it to one sentence ({OutreachText.MaxNoteLength} characters; this is {note.Length}). The supporter will hear the rest from them.")
            : null;
        if (problem is not null)
        {
            await context.ReplyPrivatelyAsync(BotMessage.Show(OutreachCards.ReferralForm(draft, again, problem, form.Values)), ct).ConfigureAwait(false);
            return;
        }
        if ((await requests.OpenForAsync(person!, ct).ConfigureAwait(false)).Count > 0)
        {
            // Already in H3's hands (asked themselves, or someone else worried too): thanked, nothing said about which.
            await context.ReplyPrivatelyAsync(BotMessage.Say(OutreachText.ReferralAlreadyInHand(person!.Name)), ct).ConfigureAwait(false);
            return;
        }
        var named = form.Value(OutreachCards.NamedInput) == "true";
        var urgent = form.Value(SupportCards.UrgentInput) == "true" || safety.Check(note) == Safety.SafetySignal.Crisis;
        var details = new SupportDetails { RequesterName = person!.Name, Note = note, ContactBy = "chat", ReferrerName = me.Name };
        // The same form sent twice (a double click, a retried request) is one referral.
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(me.Key + "|referral|" + draft)))[..24];
        var (_, created) = await routing.SubmitAsync(
            SupportRequest.Outreach(id, person, SupportKind.Referral, me, named, urgent, details, clock.GetUtcNow()), ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Say(created ? OutreachText.ReferralReceived(person.Name) : OutreachText.ReferralAlreadyInHand(person.Name)), ct)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Who the referral is for: the colleague mentioned ("support for @Ben", carried on the form), or the one picked.
    /// Someone mentioned is in the referrer's own channel; a picked one is looked up in the directory.
    /// </summary>
    private async Task<UserRef?> PersonAsync(Turn turn, FormSubmission form, CancellationToken ct)
    {
        if (form.Value(OutreachCards.PersonInput) is not { Length: > 0 and <= 128 } id || id.Any(char.IsControl)) return null;
        if (form.Value("personName") is { Length: > 0 } name)
            return new UserRef(turn.From.Channel, id, UserRef.NameFrom(name, "your colleague"));
        return await people.FindAsync(turn, id, ct).ConfigureAwait(false);
    }
}
