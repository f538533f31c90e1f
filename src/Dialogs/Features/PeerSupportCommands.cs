using System.Globalization;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// What H3 peer supporters and coordinators type, all answered privately, each checking its role:
/// supporters "available" / "away", "h3 requests", "h3 show REF", "done"; the offer card's Accept / Decline;
/// coordinators "h3 roster add|remove @name [department …]", "h3 roster list", "h3 audit [REF]", "h3 stats [month]".
/// </summary>
public sealed class PeerSupportCommands(
    SupporterActions actions,
    SupportRouting routing,
    EventOutreach events,
    Resources.CatalogSource catalog,
    IProactiveMessenger messenger,
    IPeopleDirectory people,
    SupportAccess access,
    PeerRoster roster,
    SupportAudit audit,
    ProgramSettings program,
    TimeProvider clock) : IDialog
{
    public const string Command = "h3";

    // The buttons of the offer and details cards a supporter or coordinator gets.
    public const string AcceptAction = "h3.accept";
    public const string DeclineAction = "h3.decline";
    public const string DoneAction = "h3.done";
    public const string GuideAction = "h3.guide";
    public const string EventAction = "h3.event";

    public string Name => Command;

    private const string SupporterHelp =
        "Peer supporter commands: **available** / **away**, **h3 requests** (what you hold), **h3 show REF** (a request's details), **done** (you've connected).";
    private const string CoordinatorHelp =
        "Coordinator commands: **h3 roster add @name [department Surgery]**, **h3 roster remove @name**, **h3 roster list**, **h3 requests**, " +
        "**h3 show REF**, **h3 done REF**, **h3 audit [REF]**, **h3 stats [month]**, **h3 event new** (privately, pick everyone involved in a difficult event and offer each support) or **h3 event @name @name [short label]**, **h3 event** (how those offers went).";

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        var context = dialog.Context;
        var me = context.Turn.From;
        // Reached as "h3 …" or directly as "available", "away", "done …".
        var words = context.Turn.Text.Trim().TrimStart('/').Trim();
        if (words.StartsWith(Command, StringComparison.OrdinalIgnoreCase)) words = words[Command.Length..].Trim();
        var verb = words.Split(' ', 2)[0].ToLowerInvariant();
        var rest = words.Length > verb.Length ? words[verb.Length..].Trim() : "";
        var coordinator = program.IsCoordinator(me);

        string reply = verb switch
        {
            "available" or "away" => await SetAvailabilityAsync(me, verb == "available", ct).ConfigureAwait(false),
            "roster" when !coordinator => Replies.CoordinatorsOnly,
            "roster" => await RosterAsync(context.Turn, rest, ct).ConfigureAwait(false),
            "requests" => await RequestsAsync(me, coordinator, ct).ConfigureAwait(false),
            "show" => await ShowAsync(context, rest, ct).ConfigureAwait(false),
            "done" => await DoneAsync(me, rest, coordinator, ct).ConfigureAwait(false),
            "audit" when !coordinator => Replies.CoordinatorsOnly,
            "audit" => await AuditAsync(rest, ct).ConfigureAwait(false),
            "event" or "events" when !coordinator => Replies.CoordinatorsOnly,
            "event" or "events" when rest.Equals("new", StringComparison.OrdinalIgnoreCase) => await ShowEventFormAsync(context, ct).ConfigureAwait(false),
            "event" or "events" when context.Turn.Mentions.Count == 0 => await events.StatusAsync(ct).ConfigureAwait(false),
            "event" or "events" => await events.StartAsync(context.Turn, WithoutMentions(rest, context.Turn), ct).ConfigureAwait(false),
            "stats" when !coordinator => Replies.CoordinatorsOnly,
            "stats" => await StatsAsync(rest, ct).ConfigureAwait(false),
            _ => coordinator ? CoordinatorHelp + "\n\n" + SupporterHelp : SupporterHelp,
        };
        if (reply.Length > 0) await context.ReplyPrivatelyAsync(BotMessage.SayConfidentially(reply), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    /// <summary>The offer card's Accept / Decline and the details card's Done.</summary>
    public async Task<DialogOutcome> ContinueAsync(DialogContext dialog, CancellationToken ct)
    {
        var context = dialog.Context;
        if (dialog.Turn.Submission is { ActionId: EventAction } picked)
        {
            var answer = await EventFromFormAsync(context, picked, ct).ConfigureAwait(false);
            if (answer.Length > 0) await context.ReplyPrivatelyAsync(BotMessage.SayConfidentially(answer), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        if (dialog.Turn.Submission is not { } form || CardData.DraftId(form.Value("request")) is not { } requestId) return DialogOutcome.End;
        var me = context.Turn.From;
        string reply = form.ActionId switch
        {
            PeerSupportCommands.AcceptAction => await actions.AcceptAsync(me, requestId, ct).ConfigureAwait(false) switch
            {
                SupportActionResult.Done => "Thank you for accepting. 💙 I've told them you'll reach out, the way they asked. Type **done** when you have connected.",
                SupportActionResult.NotYours => "This request isn't (or is no longer) offered to you, so there's nothing to do. Thank you.",
                SupportActionResult.NotFound => "I can't find that request any more.",
                _ => "This request has already moved on (withdrawn, or passed to another supporter). Nothing more is needed. Thank you.",
            },
            PeerSupportCommands.DeclineAction => await actions.DeclineAsync(me, requestId, ct).ConfigureAwait(false) switch
            {
                SupportActionResult.Done => "No problem, thank you for saying so quickly. I've asked the next supporter.",
                SupportActionResult.NotFound => "I can't find that request any more.",
                _ => "This request has already moved on. Nothing more is needed.",
            },
            PeerSupportCommands.DoneAction => await DoneAsync(me, requestId, program.IsCoordinator(me), ct).ConfigureAwait(false),
            PeerSupportCommands.GuideAction => await GuideAsync(context, me, ct).ConfigureAwait(false),
            _ => "",
        };
        if (reply.Length > 0) await context.ReplyPrivatelyAsync(BotMessage.SayConfidentially(reply), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    private async Task<string> ShowEventFormAsync(ITurnContext context, CancellationToken ct)
    {
        await context.ReplyPrivatelyAsync(BotMessage.Show(OutreachCards.EventForm(CardData.NewDraftId())), ct).ConfigureAwait(false);
        return "";
    }

    /// <summary>The event form's people, looked up in the directory; anyone not found brings the form back.</summary>
    private async Task<string> EventFromFormAsync(ITurnContext context, FormSubmission form, CancellationToken ct)
    {
        if (!program.IsCoordinator(context.Turn.From)) return Replies.CoordinatorsOnly;
        var draft = CardData.DraftId(form.Value("draft")) ?? CardData.NewDraftId();
        var picked = new List<UserRef>();
        foreach (var id in (form.Value(OutreachCards.PeopleInput) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(EventOutreach.MaxPeople + 1))
        {
            if (await people.FindAsync(context.Turn, id, ct).ConfigureAwait(false) is { } person) { picked.Add(person); continue; }
            await context.ReplyPrivatelyAsync(BotMessage.Show(OutreachCards.EventForm(draft,
                new FormProblem(OutreachCards.PeopleInput, "I couldn't find one of the people you picked. Please pick them again from the list."))), ct).ConfigureAwait(false);
            return "";
        }
        return await events.StartAsync(context.Turn.From, picked, form.Value(OutreachCards.LabelInput) ?? "", "form:" + draft, ct).ConfigureAwait(false);
    }

    /// <summary>The offer card's "How to approach": the guide, for supporters on the roster and coordinators.</summary>
    private async Task<string> GuideAsync(ITurnContext context, UserRef me, CancellationToken ct)
    {
        if (!program.IsCoordinator(me) && await roster.GetAsync(me, ct).ConfigureAwait(false) is null)
            return "This guide is for H3 peer supporters. A coordinator can add you to the roster with **h3 roster add**.";
        await context.ReplyPrivatelyAsync(BotMessage.Show(OutreachCards.Guide(catalog.SupporterGuide)), ct).ConfigureAwait(false);
        return "";
    }

    /// <summary>The words after the mentions ("@Ben Resident @Chen Fellow code on 4 West" → "code on 4 West").</summary>
    private static string WithoutMentions(string text, Turn turn)
    {
        foreach (var mention in turn.Mentions.OrderByDescending(m => m.Name.Length))
            text = text.Replace("@" + mention.Name, " ", StringComparison.OrdinalIgnoreCase);
        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task<string> SetAvailabilityAsync(UserRef me, bool available, CancellationToken ct) =>
        await roster.SetAvailableAsync(me, available, ct).ConfigureAwait(false)
            ? available ? "You're **available**: I may ask you to support a colleague. Thank you. 💙" : "You're **away**: I won't ask you until you type **available**."
            : "Only H3 peer supporters on the roster can set themselves available or away. A coordinator can add you with **h3 roster add**.";

    private async Task<string> RosterAsync(Turn turn, string rest, CancellationToken ct)
    {
        var verb = rest.Split(' ', 2)[0].ToLowerInvariant();
        var departmentAt = rest.IndexOf("department ", StringComparison.OrdinalIgnoreCase);
        var department = departmentAt < 0 ? "" : rest[(departmentAt + "department ".Length)..].Trim();
        switch (verb)
        {
            case "add" or "remove" when turn.Mentions.Count == 0:
                return $"Please mention the people to {verb}, e.g. **h3 roster {verb} @Dana Supporter** (in a channel or group chat, where Teams lets you mention colleagues).";
            case "add":
                var added = new List<string>();
                foreach (var person in turn.Mentions.Where(p => p.Id != turn.Bot?.Id))
                    added.Add(await roster.AddAsync(person, department, ct).ConfigureAwait(false) ? person.Name + " (added, available)" : person.Name + " (already on it" + (department.Length > 0 ? ", department updated" : "") + ")");
                return "H3 roster: " + string.Join("; ", added) + ". Supporters need to have opened a chat with me once so I can reach them.";
            case "remove":
                var removed = new List<string>();
                foreach (var person in turn.Mentions)
                {
                    if (!await roster.RemoveAsync(person, ct).ConfigureAwait(false)) { removed.Add(person.Name + " (wasn't on it)"); continue; }
                    var moved = await routing.ReassignFromAsync(person, ct).ConfigureAwait(false);
                    removed.Add(person.Name + (moved == 0 ? " (removed)" : $" (removed; {moved} open request{(moved == 1 ? "" : "s")} passed to the next supporter)"));
                }
                return "H3 roster: " + string.Join("; ", removed) + ".";
            default:
                var all = await roster.AllAsync(ct).ConfigureAwait(false);
                if (all.Count == 0) return "The H3 roster is empty. Add trained peer supporters with **h3 roster add @name**.";
                var open = (await access.AllAsync(ct).ConfigureAwait(false)).Where(r => r.Status is SupportStatus.Offered or SupportStatus.Accepted).ToList();
                return "**H3 peer supporters**\n\n" + string.Join("\n", all.Select(s =>
                    $"- {s.Person.Name}{(s.Department.Length > 0 ? " (" + s.Department + ")" : "")}: {(s.Available ? "available" : "away")}, " +
                    $"{open.Count(r => r.Supporter?.Key == s.Person.Key)} open"));
        }
    }

    private async Task<string> RequestsAsync(UserRef me, bool coordinator, CancellationToken ct)
    {
        var list = coordinator
            ? (await access.AllAsync(ct).ConfigureAwait(false)).Where(r => r.IsOpen).ToList()
            : await access.HeldByAsync(me, ct).ConfigureAwait(false);
        if (list.Count == 0) return coordinator ? "No open support requests." : "You don't hold any support requests right now.";
        // No names or notes in lists: details only through "h3 show", which is audited.
        return "**Open support requests** (type **h3 show REF** for details)\n\n" + string.Join("\n", list.Select(r =>
            $"- {r.Reference}: {r.Status.ToString().ToLowerInvariant()}{(r.Urgent ? ", urgent" : "")}, " +
            (r.Kind switch { SupportKind.Referral => "outreach (a colleague's referral)", SupportKind.Event => "outreach after an event", _ => SupportRequest.TierTitle(r.Tier).ToLowerInvariant() }) + ", " +
            $"asked {TimeZoneInfo.ConvertTime(r.CreatedAt, program.Zone).ToString("MMM d HH:mm", CultureInfo.InvariantCulture)}" +
            (coordinator && r.Supporter is { } s ? $", with {s.Name}" : "") + (coordinator && r.EscalatedTo is { } c ? $", escalated to {c.Name}" : "")));
    }

    private async Task<string> ShowAsync(ITurnContext context, string reference, CancellationToken ct)
    {
        if (reference.Length == 0) return "Which request? Type **h3 show REF** with the reference from the list (**h3 requests**).";
        var (request, allowed) = await access.ShowAsync(context.Turn.From, reference, ct).ConfigureAwait(false);
        if (request is null) return $"I can't find one request with the reference \"{reference}\". Type **h3 requests** to see yours.";
        if (!allowed) return "Sorry, only the peer supporter assigned to a request and the H3 coordinators can see its details. (This attempt has been recorded.)";
        var card = BotMessage.Show(SupportCards.Details(request, program.IsCoordinator(context.Turn.From)));
        // Sent to their own chat, where it can be taken back later (when they no longer hold it, or at the purge).
        SentMessage? where = null;
        try
        {
            where = await messenger.SendToUserAsync(context.Turn.From, card, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The channel failed just now: shown as a reply instead, which cannot be taken back.
        }
        if (where is null) await context.ReplyPrivatelyAsync(card with { Confidential = true }, ct).ConfigureAwait(false);
        else if (request.Details is not null) await access.RememberShownAsync(request.Id, ShownCard.To(context.Turn.From, where), ct).ConfigureAwait(false);
        return "";
    }

    private async Task<string> DoneAsync(UserRef me, string reference, bool coordinator, CancellationToken ct)
    {
        string? id = null;
        if (reference.Length > 0)
            id = (await access.FindAsync(reference, ct).ConfigureAwait(false))?.Id;
        else if ((await access.HeldByAsync(me, ct).ConfigureAwait(false)).Where(r => r.Status == SupportStatus.Accepted).ToList() is [var only])
            id = only.Id;
        else if (!coordinator)
            return "Which request? Type **done REF** (see **h3 requests**).";
        if (id is null) return "I couldn't find that request. Type **h3 requests** to see the open ones.";
        return await actions.CloseAsync(me, id, ct).ConfigureAwait(false) switch
        {
            SupportActionResult.Done => "Thank you. The request is closed; its details will be erased after the retention period. 💙",
            SupportActionResult.NotYours => "Only the supporter who accepted a request (or a coordinator) can close it.",
            _ => "That request is already closed.",
        };
    }

    private async Task<string> AuditAsync(string reference, CancellationToken ct)
    {
        string? requestId = null;
        if (reference.Length > 0)
        {
            requestId = (await access.FindAsync(reference, ct).ConfigureAwait(false))?.Id;
            if (requestId is null) return $"No request with the reference \"{reference}\".";
        }
        var entries = await audit.RecentAsync(50, requestId, ct).ConfigureAwait(false);
        if (entries.Count == 0) return "No reads of request details recorded yet.";
        return "**Who saw request details** (newest first)\n\n" + string.Join("\n", entries.Select(e =>
            $"- {TimeZoneInfo.ConvertTime(e.At, program.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}: {e.WhoName} — {e.What} — {SupportRequest.ReferenceOf(e.RequestId)}"));
    }

    private async Task<string> StatsAsync(string monthText, CancellationToken ct)
    {
        // Figures are about the month in progress unless another is named.
        var thisMonth = program.ThisMonth(clock);
        var month = Month.FromWords(monthText, thisMonth, whenEmpty: thisMonth);
        if (month is null) return $"I couldn't read \"{monthText}\" as a month. Try **h3 stats 2026-10**, **h3 stats last month** or **h3 stats**.";
        return SupportFigures.For(month.Value, await access.AllAsync(ct).ConfigureAwait(false), program.Zone).ToText();
    }
}
