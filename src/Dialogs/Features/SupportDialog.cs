using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// "support", "peer support", "I need to talk to someone": ask privately for a Helping Healers Heal peer supporter.
/// Everything is said privately (a DM from a channel; nothing at all appears in the channel). Also
/// "support status" and "support cancel".
/// </summary>
public sealed class SupportDialog(SupportRouting routing, RequesterActions requests, ReferralDialog referral, SupportSettings settings,
    Safety.SafetyNet safety, ProgramSettings program) : IDialog
{
    public const string Command = "support";

    /// <summary>The crisis card's one button: an urgent, expedited request in one tap.</summary>
    public const string SubmitAction = "support.submit";
    public const string ReachOutNowAction = "support.reach-out";

    /// <summary>The one tap that declines outreach someone else asked for.</summary>
    public const string NotNowAction = "support.not-now";

    public string Name => Command;

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        var context = dialog.Context;
        // "support for @Ben": a colleague worried about someone else.
        if (argument.Trim() is var rest && rest.StartsWith("for ", StringComparison.OrdinalIgnoreCase))
            return await referral.StartAsync(dialog, rest[4..], ct).ConfigureAwait(false);
        switch (argument.Trim().TrimEnd('.', '!').ToLowerInvariant())
        {
            case "status":
                await context.ReplyPrivatelyAsync(BotMessage.SayConfidentially(await StatusTextAsync(context.Turn.From, ct).ConfigureAwait(false)), ct).ConfigureAwait(false);
                return DialogOutcome.End;
            case "cancel" or "withdraw":
                var cancelled = await requests.CancelAsync(context.Turn.From, ct).ConfigureAwait(false);
                await context.ReplyPrivatelyAsync(BotMessage.SayConfidentially(cancelled is null ? SupportText.NoOpenRequest
                    : $"Your support request {cancelled.Reference} is withdrawn; whoever was asked has been told, nothing more. " +
                      "If you'd like support later, type **support** any time. " + Safety.SafetyReplies.CrisisLine), ct).ConfigureAwait(false);
                return DialogOutcome.End;
        }

        if (await requests.LatestOpenAsync(context.Turn.From, ct).ConfigureAwait(false) is not null)
        {
            await context.ReplyPrivatelyAsync(BotMessage.SayConfidentially("You already have an open request. " + await StatusTextAsync(context.Turn.From, ct).ConfigureAwait(false)), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        await context.ReplyPrivatelyAsync(BotMessage.Show(SupportCards.Form(CardData.NewDraftId())), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    public async Task<DialogOutcome> ContinueAsync(DialogContext dialog, CancellationToken ct)
    {
        if (dialog.Turn.Submission is { ActionId: ReachOutNowAction } reach)
            return await ReachOutNowAsync(dialog.Context, CardData.DraftId(reach.Value("draft")), ct).ConfigureAwait(false);
        if (dialog.Turn.Submission is { ActionId: NotNowAction } notNow)
            return await NotNowAsync(dialog.Context, CardData.DraftId(notNow.Value("request")), ct).ConfigureAwait(false);
        if (dialog.Turn.Submission is not { ActionId: SupportDialog.SubmitAction } form) return DialogOutcome.End;
        var context = dialog.Context;
        var draft = CardData.DraftId(form.Value("draft")) ?? CardData.NewDraftId();
        var note = (form.Value(SupportCards.NoteInput) ?? "").Trim();
        if (note.Length > SupportText.MaxNoteLength)
        {
            var problem = $"Your note is {note.Length.ToString(CultureInfo.InvariantCulture)} characters; the limit is {SupportText.MaxNoteLength}. " +
                          "It's all still here: please shorten it a little, or leave the details for the conversation.";
            await context.ReplyPrivatelyAsync(BotMessage.Show(SupportCards.Form(draft, new FormProblem(SupportCards.NoteInput, problem), form.Values)), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }

        var tier = form.Value(SupportCards.TierInput) switch
        {
            "local" => SupportTier.Local,
            "peer" => SupportTier.PeerSupporter,
            "expedited" => SupportTier.Expedited,
            _ => SupportTier.NotSure,
        };
        var contactBy = form.Value(SupportCards.ContactByInput) is "phone" or "in person" ? form.Value(SupportCards.ContactByInput)! : "chat";
        // Crisis wording in the note makes the request urgent whatever the toggle says (the crisis card has gone already).
        var urgent = form.Value(SupportCards.UrgentInput) == "true" || safety.Check(note) == Safety.SafetySignal.Crisis;
        var details = new SupportDetails
        {
            RequesterName = context.Turn.From.Name,
            Note = note,
            ContactBy = contactBy,
            ContactInfo = Clip(form.Value(SupportCards.ContactInfoInput), 200),
            ContactWhen = Clip(form.Value(SupportCards.ContactWhenInput), 200),
            Department = Clip(form.Value(SupportCards.DepartmentInput), 100),
        };

        return await SubmitAsync(context, draft, tier, urgent, details, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The crisis card's one button: an urgent, expedited request in one tap, through the normal routing. Someone
    /// with an open request already has it marked urgent (the crisis reply did that) and is told where it is.
    /// </summary>
    private async Task<DialogOutcome> ReachOutNowAsync(ITurnContext context, string? draft, CancellationToken ct)
    {
        if (await requests.LatestOpenAsync(context.Turn.From, ct).ConfigureAwait(false) is not null)
        {
            await requests.MarkUrgentAsync(context.Turn.From, ct).ConfigureAwait(false);
            await context.ReplyPrivatelyAsync(BotMessage.Say(SupportText.AlreadyUrgent + " " + await StatusTextAsync(context.Turn.From, ct).ConfigureAwait(false)), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        var details = new SupportDetails { RequesterName = context.Turn.From.Name, Note = SupportText.ReachOutNowNote, ContactBy = "chat" };
        return await SubmitAsync(context, draft ?? CardData.NewDraftId(), SupportTier.Expedited, urgent: true, details, ct).ConfigureAwait(false);
    }

    private async Task<DialogOutcome> NotNowAsync(ITurnContext context, string? requestId, CancellationToken ct)
    {
        var result = requestId is null ? SupportActionResult.NotFound : await requests.DeclineOutreachAsync(context.Turn.From, requestId, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Say(result switch
        {
            SupportActionResult.Done => OutreachText.NotNowConfirmed,
            SupportActionResult.NotYours => OutreachText.NotForYou,
            _ => OutreachText.AlreadyClosed,
        }), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    private async Task<DialogOutcome> SubmitAsync(ITurnContext context, string draft, SupportTier tier, bool urgent, SupportDetails details, CancellationToken ct)
    {
        // The same form sent twice (a double click, a retried request) is one request.
        var requestId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context.Turn.From.Key + "|support|" + draft)))[..24];
        var (request, created) = await routing.SubmitAsync(requestId, context.Turn.From, tier, urgent, details, ct).ConfigureAwait(false);
        if (!created)
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say($"Your request {request.Reference} is already in. " + await StatusTextAsync(context.Turn.From, ct).ConfigureAwait(false)), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        await context.ReplyPrivatelyAsync(BotMessage.Show(SupportCards.Confirmation(request, settings)), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    private async Task<string> StatusTextAsync(UserRef requester, CancellationToken ct)
    {
        var request = await requests.LatestOpenAsync(requester, ct).ConfigureAwait(false);
        if (request is null) return SupportText.NoOpenRequest;
        var asked = TimeZoneInfo.ConvertTime(request.CreatedAt, program.Zone).ToString("MMMM d 'at' HH:mm", CultureInfo.InvariantCulture);
        if (request.AwaitingCoordinator) return SupportText.StillReachingCoordinator + " " + $"({request.Reference}) Type **support cancel** to withdraw it.";
        var state = request.Status switch
        {
            SupportStatus.Accepted => $"**{request.Supporter?.Name}**, a trained peer supporter, accepted it and will reach out to you.",
            SupportStatus.Escalated => $"It is with **{request.EscalatedTo?.Name}**, an H3 coordinator, who will reach out to you personally.",
            _ => "A trained peer supporter has been asked to reach out; I'll tell you as soon as someone accepts.",
        };
        if (request.IsOutreach)
            return $"Helping Healers Heal is arranging for someone to check in with you ({request.Reference}{(request.Urgent ? ", urgent" : "")}). " +
                   (request.Status is SupportStatus.Accepted or SupportStatus.Escalated && request.Holder is { } holder ? $"**{holder.Name}** will reach out. " : "") +
                   "Type **support cancel** if you'd rather not. " + Safety.SafetyReplies.CrisisLine;
        return $"Your support request {request.Reference} (sent {asked}{(request.Urgent ? ", urgent" : "")}): {state} " +
               "Type **support cancel** to withdraw it. " + Safety.SafetyReplies.CrisisLine;
    }

    private static string Clip(string? value, int max)
    {
        var text = (value ?? "").Trim();
        return text.Length <= max ? text : text[..max];
    }
}
