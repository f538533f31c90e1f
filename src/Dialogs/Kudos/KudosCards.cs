using System.Globalization;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>The kudos feature's cards, built from the channel-agnostic card model.</summary>
public static class KudosCards
{
    public const string FormKind = "kudos-form";
    public const string ConfirmationKind = "kudos-confirmation";
    public const string EditKind = "kudos-edit";
    public const string MineKind = "kudos-mine";
    public const string CheckWordingKind = "kudos-check-wording";
    public const string OnHoldKind = "kudos-on-hold";

    public const string RecipientsInput = "recipients";
    public const string MessageInput = "message";
    public const string CategoryInput = "category";
    public const string AnonymousInput = "anonymous";
    public const string QuietInput = "quiet";
    public const string NotForBreakfastInput = "notForBreakfast";
    public const string IncludeMeInput = "includeMe";

    /// <summary>The way in when no colleague was named (a personal chat cannot @mention colleagues).</summary>
    public static Card Form(string draftId, DateTimeOffset startedAt, string? message = null, KudosCategory category = KudosCategory.None,
        bool anonymous = false, FormProblem? problem = null, IReadOnlyList<UserRef>? to = null, bool quiet = false, bool notForBreakfast = false,
        string? quote = null) => new(FormKind)
    {
        Title = "Give kudos 🎉",
        Summary = "Recognise a colleague for the monthly program breakfast",
        Body = new CardElement[]
        {
            new TextBlock(to is { Count: > 0 }
                ? $"For **{string.Join(", ", to.Select(p => p.Name))}** (already picked; add others below if you like). Your shout-out is read at the monthly program breakfast."
                : "Who made a difference? Your shout-out is read at the monthly program breakfast. Even the little things count!"),
            new TextBlock(quote is { Length: > 0 } ? "About their message: “" + quote + "”" : "", TextStyle.Subtle),
            new PeoplePicker(RecipientsInput, "Colleagues to recognise") { ErrorMessage = "Pick at least one colleague (or turn on \"Include me\")." },
            new ToggleInput(IncludeMeInput, "Include me: highlight something I did"),
            new TextInput(MessageInput, "Your message") { Multiline = true, MaxLength = KudosRecord.MaxMessageLength, Value = message, Required = true,
                Placeholder = "Thanks for covering my pager at 3am…", ErrorMessage = "Please write a short message." },
            CategoryChoice(category),
            new ToggleInput(AnonymousInput, "Anonymous in the digest") { Value = anonymous },
            new ToggleInput(QuietInput, "Just tell them: no shout-out in this channel") { Value = quiet },
            new ToggleInput(NotForBreakfastInput, "Not for the breakfast: keep it out of the digest") { Value = notForBreakfast },
        }.Where(e => e is not TextBlock { Text.Length: 0 }).WithProblem(problem),
        Actions =
        [
            new SubmitAction("Send kudos", KudosDialog.SubmitAction)
            {
                Style = ActionStyle.Positive,
                Data = NamedOnForm(to, new Dictionary<string, string> { ["draft"] = draftId, ["started"] = startedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) }),
            },
        ],
    };

    /// <summary>
    /// Colleagues already named ("kudos @Ben …" that came to the form) ride on the form itself: it is answered from
    /// the giver's private chat, where the channel's dialog state is not.
    /// </summary>
    private static Dictionary<string, string> NamedOnForm(IReadOnlyList<UserRef>? to, Dictionary<string, string> data)
    {
        if (to is { Count: > 0 }) data["to"] = System.Text.Json.JsonSerializer.Serialize(to.Select(p => new[] { p.Id, p.Name }).ToArray());
        return data;
    }

    /// <summary>The colleagues a form carried, in the giver's channel; nothing when the value is not what <see cref="Form"/> wrote.</summary>
    public static IReadOnlyList<UserRef> NamedOnForm(string? value, string channel)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 16_384) return [];
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[][]>(value) is { Length: <= KudosRecord.MaxRecipients } pairs
                ? [.. pairs.Where(p => p is [{ Length: > 0 and <= 128 }, { }] && !p[0].Any(char.IsControl)).Select(p => new UserRef(channel, p[0], UserRef.NameFrom(p[1], "a colleague")))]
                : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>A kudos whose words read as a crisis: shown back to the giver, who decides, before anyone else sees it.</summary>
    public static Card CheckWording(string message) => new(CheckWordingKind)
    {
        Title = "Before this kudos goes out",
        Summary = "Check your kudos before it is shared",
        Body =
        [
            new TextBlock("Your message mentions something painful. Kudos are shared with the people you recognise, may be shown in the channel, " +
                          "and are read aloud at the program breakfast. Nothing has been saved or sent yet."),
            new TextBlock("“" + message + "”", TextStyle.Subtle),
            new TextBlock("Would you like to send it as written?"),
        ],
        Actions =
        [
            new SubmitAction("Send it as written", KudosDialog.SendAsWrittenAction),
            new SubmitAction("Change the message", KudosDialog.ChangeAction) { Style = ActionStyle.Positive },
            new SubmitAction("Don't send it", KudosDialog.DropAction) { Style = ActionStyle.Destructive },
        ],
    };

    /// <summary>A kudos waiting for its message when a crisis message came: put aside, nothing saved, and asked about.</summary>
    public static Card OnHold(IReadOnlyList<UserRef> to, UserRef giver) => new(OnHoldKind)
    {
        Title = "Your kudos is on hold",
        Summary = "Your kudos is on hold; nothing was saved",
        Body =
        [
            new TextBlock(to.Count == 0
                ? "Nothing from it was saved. Would you still like to finish your kudos?"
                : $"Nothing from it was saved. Would you still like to finish your kudos for {string.Join(" and ", to.Select(r => r.Key == giver.Key ? "yourself" : r.Name))}?"),
        ],
        Actions =
        [
            new SubmitAction("Finish my kudos", KudosDialog.ResumeAction) { Style = ActionStyle.Positive },
            new SubmitAction("Not now", KudosDialog.DropAction),
        ],
    };

    /// <summary>What the giver sees once it is saved; a kudos given with a reaction offers Undo (removing the reaction does the same).</summary>
    public static Card Confirmation(KudosRecord kudos, bool repeat, bool byReaction = false) => new(ConfirmationKind)
    {
        Title = byReaction ? $"Your reaction gave {string.Join(" and ", kudos.Recipients.Select(r => r.Name))} a kudos 🎉" : repeat ? "You already sent this one ✔" : "Kudos saved 🎉",
        Summary = "Kudos saved for the breakfast",
        Body =
        [
            new TextBlock($"It will be read at the {kudos.Month.Next.Title} program breakfast, in the {kudos.Month.Title} shout-outs."),
            new FactSet(Facts(kudos)),
            new TextBlock("You can edit or withdraw it until the month's digest is posted.", TextStyle.Subtle),
        ],
        Actions =
        [
            new SubmitAction("Edit", KudosDialog.EditAction) { Data = Ref(kudos) },
            new SubmitAction(byReaction ? "Undo" : "Withdraw", KudosDialog.WithdrawAction) { Style = ActionStyle.Destructive, Data = Ref(kudos) },
        ],
    };

    public static Card Edit(KudosRecord kudos, FormProblem? problem = null, string? message = null) => new(EditKind)
    {
        Title = "Edit your kudos",
        Body = new CardElement[]
        {
            new TextBlock("To: " + string.Join(", ", kudos.Recipients.Select(r => r.Name))),
            new TextInput(MessageInput, "Your message") { Multiline = true, MaxLength = KudosRecord.MaxMessageLength, Value = message ?? kudos.Message, Required = true },
            CategoryChoice(kudos.Category),
            new ToggleInput(AnonymousInput, "Anonymous in the digest") { Value = kudos.Anonymous },
        }.WithProblem(problem),
        Actions = [new SubmitAction("Save", KudosDialog.SaveAction) { Style = ActionStyle.Positive, Data = Ref(kudos) }],
    };

    public static Card Mine(Month month, IReadOnlyList<KudosRecord> given, IReadOnlyList<KudosRecord> received) => new(MineKind)
    {
        Title = $"Your kudos in {month.Title}",
        Body =
        [
            new TextBlock($"Received ({received.Count})", TextStyle.Heading),
            .. received.Count == 0
                ? [new TextBlock("None yet this month.", TextStyle.Subtle)]
                : received.Select(k => (CardElement)new TextBlock($"“{k.Message}” — {(k.Anonymous ? "a colleague" : k.Giver.Name)}")),
            new TextBlock($"Given ({given.Count})", TextStyle.Heading),
            .. given.Count == 0
                ? [new TextBlock("None yet this month. Type **kudos @name thanks for…** to recognise someone.", TextStyle.Subtle)]
                : given.Select(k => (CardElement)new TextBlock($"To {string.Join(", ", k.Recipients.Select(r => r.Name))}: “{k.Message}”")),
        ],
    };

    /// <summary>The private note to a recognised colleague.</summary>
    public static BotMessage RecipientNote(KudosRecord kudos) => new()
    {
        Text = kudos.Anonymous
            ? $"🎉 A colleague recognised you: “{kudos.Message}”\n\nIt will be read at the monthly program breakfast."
            : $"🎉 {BotMessage.MentionToken(0)} recognised you: “{kudos.Message}”\n\nIt will be read at the monthly program breakfast.",
        Mentions = kudos.Anonymous ? [] : [kudos.Giver],
    };

    /// <summary>The shout-out shown in the channel or group chat where it was given.</summary>
    public static BotMessage ChannelShoutOut(KudosRecord kudos)
    {
        var names = string.Join(", ", kudos.Recipients.Select((_, i) => BotMessage.MentionToken(i)));
        var from = kudos.Anonymous ? "" : $" from {BotMessage.MentionToken(kudos.Recipients.Count)}";
        return new BotMessage
        {
            Text = $"🎉 Kudos to {names}{from}: “{kudos.Message}”",
            Mentions = kudos.Anonymous ? kudos.Recipients : [.. kudos.Recipients, kudos.Giver],
        };
    }

    private static ChoiceInput CategoryChoice(KudosCategory category) =>
        new(CategoryInput, "Category (optional)", [new Choice("No category", nameof(KudosCategory.None)), .. KudosCategories.All.Select(c => new Choice(c.Title, c.Category.ToString()))])
        {
            Compact = true,
            Value = category.ToString(),
        };

    private static List<Fact> Facts(KudosRecord kudos)
    {
        var facts = new List<Fact>
        {
            new("To", string.Join(", ", kudos.Recipients.Select(r => r.Key == kudos.Giver.Key ? r.Name + " (you ✨)" : r.Name))),
            new("Message", kudos.Message),
        };
        if (kudos.Category != KudosCategory.None) facts.Add(new Fact("Category", KudosCategories.Title(kudos.Category)));
        facts.Add(new Fact("In the digest", kudos.NotForBreakfast ? "no (just for them)" : kudos.Anonymous ? "anonymous" : "with your name"));
        if (kudos.Quiet) facts.Add(new Fact("Shout-out", "none: just told them"));
        return facts;
    }

    private static Dictionary<string, string> Ref(KudosRecord kudos) => new() { ["id"] = kudos.Id, ["month"] = kudos.Month.ToString() };
}
