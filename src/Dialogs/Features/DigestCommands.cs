using System.Globalization;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// Coordinators' commands for the monthly recognition digest (the route is coordinators-only):
/// "digest preview [month]", "digest post", "digest channel here", "digest export [month]".
/// Months: "2026-10", "october", "october 2026"; default the month before this one.
/// </summary>
public sealed class DigestCommands(
    KudosStore kudos,
    DigestPublisher publisher,
    DigestLedger ledger,
    ProgramChannels channels,
    ProgramSettings program,
    TimeProvider clock) : IDialog
{
    public const string Command = "digest";

    public string Name => Command;

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        var context = dialog.Context;
        var words = argument.Trim();
        var verb = words.Split(' ', 2)[0].ToLowerInvariant();
        var rest = words.Length > verb.Length ? words[verb.Length..].Trim() : "";

        switch (verb)
        {
            case "preview":
            case "export":
                await ShowMonthAsync(context, verb, rest, ct).ConfigureAwait(false);
                return DialogOutcome.End;
            case "post":
                await PostAsync(context, ct).ConfigureAwait(false);
                return DialogOutcome.End;
            case "channel" when rest.Equals("here", StringComparison.OrdinalIgnoreCase):
            {
                if (dialog.Turn.Conversation.IsPrivate)
                {
                    await context.ReplyAsync(BotMessage.Say("Please type **digest channel here** in the channel (or group chat) where the monthly digest should be posted."), ct).ConfigureAwait(false);
                    return DialogOutcome.End;
                }
                await channels.AddAsync(dialog.Turn.Conversation, ct).ConfigureAwait(false);
                await context.ReplyAsync(BotMessage.Say("This is now a program channel: the monthly recognition digest will be posted here. 🎉"), ct).ConfigureAwait(false);
                return DialogOutcome.End;
            }
            default:
                await context.ReplyPrivatelyAsync(BotMessage.Say(
                    "Digest commands: **digest preview [month]** (only you see it), **digest post** (post last month's now), " +
                    "**digest channel here** (in the program channel), **digest export [month]** (CSV for slides)."), ct).ConfigureAwait(false);
                return DialogOutcome.End;
        }
    }

    /// <summary>"digest preview [month]" (only the coordinator sees it) or "digest export [month]" (CSV for slides).</summary>
    private async Task ShowMonthAsync(ITurnContext context, string verb, string monthText, CancellationToken ct)
    {
        if (ParseMonth(monthText) is not { } month)
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say($"I couldn't read \"{monthText}\" as a month. Try **digest {verb} october** or **digest {verb} 2026-10**."), ct).ConfigureAwait(false);
            return;
        }
        var digest = MonthlyDigest.Compile(month, await kudos.MonthAsync(month, ct).ConfigureAwait(false));
        if (verb == "export")
        {
            foreach (var chunk in CsvMessages(digest)) await context.ReplyPrivatelyAsync(chunk, ct).ConfigureAwait(false);
            return;
        }
        await context.ReplyPrivatelyAsync(BotMessage.Say($"Preview of the {digest.Title} digest (only you can see this). The channel post:"), ct).ConfigureAwait(false);
        foreach (var part in digest.ForChannel(late: false)) await context.ReplyPrivatelyAsync(part, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Say("And your breakfast copy:"), ct).ConfigureAwait(false);
        foreach (var part in digest.ForBreakfast(late: false)) await context.ReplyPrivatelyAsync(part, ct).ConfigureAwait(false);
    }

    /// <summary>"digest post": last month's digest, now, exactly once however often it is asked.</summary>
    private async Task PostAsync(ITurnContext context, CancellationToken ct)
    {
        var month = program.ThisMonth(clock).Previous;
        var outcome = await publisher.PublishAsync(month, late: false, ct).ConfigureAwait(false);
        var title = month.Title;
        var state = await ledger.GetAsync(month, ct).ConfigureAwait(false);
        await context.ReplyPrivatelyAsync(BotMessage.Say(outcome switch
        {
            DigestOutcome.Posted => $"Done: the {title} digest is posted to the program channel(s), and the breakfast copy is on its way to the coordinators.",
            DigestOutcome.AlreadyPosted => $"The {title} digest was already posted{(state?.PostedAt is { } at ? " on " + TimeZoneInfo.ConvertTime(at, program.Zone).ToString("MMMM d 'at' HH:mm", CultureInfo.InvariantCulture) : "")}, so I didn't post it again.",
            DigestOutcome.Busy => $"The {title} digest is being posted right now by another instance of the bot. Check again in a minute.",
            _ => "There's no program channel yet. Type **digest channel here** in the channel where the digest should go.",
        }), ct).ConfigureAwait(false);
    }

    /// <summary>A month as coordinators say it (see <see cref="Month.FromWords"/>); no month named means last month, whose digest is the one due.</summary>
    public Month? ParseMonth(string text)
    {
        var thisMonth = program.ThisMonth(clock);
        return Month.FromWords(text, thisMonth, whenEmpty: thisMonth.Previous);
    }

    private static IEnumerable<BotMessage> CsvMessages(MonthlyDigest digest)
    {
        var lines = digest.ToCsv().TrimEnd('\n').Split('\n');
        var header = lines[0];
        var chunk = new List<string>();
        var size = 0;
        foreach (var line in lines.Skip(1))
        {
            if (size + line.Length > MonthlyDigest.PartBudget && chunk.Count > 0)
            {
                yield return Fence(digest, header, chunk);
                chunk = [];
                size = 0;
            }
            chunk.Add(line);
            size += line.Length + 1;
        }
        yield return Fence(digest, header, chunk);
    }

    private static BotMessage Fence(MonthlyDigest digest, string header, List<string> rows) =>
        BotMessage.Say($"CSV of the {digest.Title} kudos ({rows.Count} rows):\n\n```\n{header}\n{string.Join("\n", rows)}\n```");
}
