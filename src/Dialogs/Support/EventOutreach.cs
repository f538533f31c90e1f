using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>
/// "h3 event @Ben @Chen [short label]": a coordinator records that these colleagues were involved in a difficult
/// event, and each is offered peer support privately, as an offer they can decline. "h3 event" shows how each offer
/// went (accepted, declined, connected), never any notes.
/// </summary>
public sealed class EventOutreach(SupportRouting routing, SupportRequests requests, ProgramSettings program, TimeProvider clock)
{
    public const int MaxPeople = 20;

    public Task<string> StartAsync(Turn turn, string label, CancellationToken ct) =>
        StartAsync(turn.From, [.. turn.Mentions.Where(m => m.Id != turn.Bot?.Id)], label, turn.ActivityId, ct);

    /// <summary>The people of an event, mentioned or picked on the form; <paramref name="onceKey"/> makes a repeated command one event.</summary>
    public async Task<string> StartAsync(UserRef coordinator, IReadOnlyList<UserRef> named, string label, string? onceKey, CancellationToken ct)
    {
        var people = named.Where(m => m.Key != coordinator.Key).DistinctBy(m => m.Key).ToList();
        if (people.Count == 0)
            return "Please pick the colleagues involved on the form (**h3 event new**, here in private), or mention them: " +
                   "**h3 event @Ben Resident @Chen Fellow code on 4 West**.";
        if (people.Count > MaxPeople) return $"That's more than {MaxPeople} people; please record the event in smaller groups.";
        label = label.Trim();
        if (label.Length > OutreachText.MaxLabelLength) label = label[..OutreachText.MaxLabelLength];
        // Deterministic from the command, so a turn run again after a crash records the same event, not a second one.
        var eventId = Hash(coordinator.Key + "|event|" + (onceKey ?? Guid.NewGuid().ToString("N")))[..16];
        var offered = new List<string>();
        var inHand = new List<string>();
        foreach (var person in people)
        {
            if ((await requests.OpenForAsync(person, ct).ConfigureAwait(false)).Count > 0) { inHand.Add(person.Name); continue; }
            var details = new SupportDetails { RequesterName = person.Name, ContactBy = "chat", ReferrerName = coordinator.Name };
            var request = SupportRequest.Outreach(Hash(eventId + "|" + person.Key)[..24], person, SupportKind.Event, coordinator, referrerNamed: false,
                urgent: false, details, clock.GetUtcNow(), eventId, label.Length > 0 ? label : null);
            await routing.SubmitAsync(request, ct).ConfigureAwait(false);
            offered.Add(person.Name);
        }
        var reply = new StringBuilder("Thank you. ");
        if (offered.Count > 0)
            reply.Append(CultureInfo.InvariantCulture, $"Each of them is being offered peer support privately, as an offer they can decline: {string.Join(", ", offered)}. ");
        if (inHand.Count > 0)
            reply.Append(CultureInfo.InvariantCulture, $"Already in H3's hands, so not offered again: {string.Join(", ", inHand)}. ");
        return reply.Append("Type **h3 event** to see how each offer went (accepted or declined; never any notes). " +
                            "Please keep labels free of patient names and other identifiers.").ToString();
    }

    /// <summary>Events of the last 90 days, newest first: for each person, where their offer is. No notes, ever.</summary>
    public async Task<string> StatusAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-90);
        var events = (await requests.AllAsync(ct).ConfigureAwait(false))
            .Where(r => r.Kind == SupportKind.Event && r.EventId is not null && r.CreatedAt >= since)
            .GroupBy(r => r.EventId!).OrderByDescending(g => g.Min(r => r.CreatedAt)).Take(10).ToList();
        if (events.Count == 0) return "No event outreach in the last 90 days. Record one with **h3 event @name @name [short label]**.";
        var text = new StringBuilder("**H3 event outreach** (last 90 days; how each offer went, never any notes)\n");
        foreach (var group in events)
        {
            var first = group.OrderBy(r => r.CreatedAt).First();
            var when = TimeZoneInfo.ConvertTime(first.CreatedAt, program.Zone).ToString("MMM d", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"\n**{when}: {first.EventLabel ?? "a difficult event"}**\n");
            foreach (var summary in group.OrderBy(r => r.CreatedAt))
            {
                var name = await NameAsync(summary, ct).ConfigureAwait(false);
                text.Append(CultureInfo.InvariantCulture, $"- {name}: {Where(summary)}\n");
            }
        }
        return text.ToString().TrimEnd();
    }

    private async Task<string> NameAsync(SupportRequest summary, CancellationToken ct)
    {
        if (summary.Purged) return "(erased after retention)";
        try
        {
            return (await requests.GetAsync(summary.Id, ct).ConfigureAwait(false))?.Details?.RequesterName is { Length: > 0 } name ? name : summary.Reference;
        }
        catch (CryptographicException)
        {
            return summary.Reference + " (unreadable)";
        }
    }

    private static string Where(SupportRequest r) => r.Status switch
    {
        SupportStatus.New or SupportStatus.Offered => "being offered to a peer supporter",
        SupportStatus.Accepted => "accepted by a peer supporter",
        SupportStatus.Escalated => "with a coordinator",
        SupportStatus.Done => "connected",
        SupportStatus.Declined => "declined (\"thanks, not now\")",
        SupportStatus.Cancelled => "withdrawn",
        _ => r.Status.ToString().ToLowerInvariant(),
    };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
