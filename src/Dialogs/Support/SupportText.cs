using WellnessBot.Dialogs.Features;

namespace WellnessBot.Dialogs.Support;

/// <summary>The words of the peer-support flow, in one place: warm, plain, exact about who sees what.</summary>
public static class SupportText
{
    public const int MaxNoteLength = 1000;

    public const string Intro =
        "**Helping Healers Heal (H3)** supports colleagues after an adverse event, a medical error or a patient-related injury. " +
        "Feeling shaken afterwards is a normal human response, not a weakness. A trained peer supporter (a fellow clinician) can reach out, " +
        "listen and help you find what you need.";

    public const string Confidentiality =
        "This is confidential. Only the peer supporter assigned to you and the H3 coordinators can see what you write here. " +
        "Nothing is posted in any channel, and your note is encrypted and erased after the request is closed.";

    public const string NoteWarning = "Please don't include patient names, record numbers, dates of birth or other identifiers.";

    public static string Received(bool urgent, SupportSettings settings) =>
        (urgent
            ? $"Your request is in and marked **urgent**. I'm asking a trained peer supporter now, who has {settings.UrgentOfferWindowMinutes} minutes to respond before I ask the next one. "
            : "Your request is in. I'm asking a trained peer supporter now; if they can't take it, I ask the next one, and if nobody can, an H3 coordinator takes it. ") +
        "I'll tell you here who will reach out as soon as someone accepts, usually within the hour.";

    public const string WhoSeesWhat =
        "**Who sees what:** the peer supporter who is asked sees your name, how and when to contact you, and your note. " +
        "The H3 coordinators can see them too; every time anyone opens your request it is recorded. Nobody else, including other supporters, sees anything.";

    public const string ChangeYourMind = "Type **support status** to see where it is, or **support cancel** to withdraw it at any time.";

    public static string EscalatedToRequester(string coordinator) =>
        $"No peer supporter was free just now, so your request has gone to **{coordinator}**, an H3 coordinator, who will reach out to you personally. " +
        Safety.SafetyReplies.CrisisLine;

    /// <summary>Escalated, and no coordinator reached yet: honest, never a promise, and the numbers.</summary>
    public const string StillReachingCoordinator =
        "No peer supporter was free just now, and I haven't been able to reach an H3 coordinator yet. I'm still trying, " +
        "and I'll tell you here as soon as someone has your request. " + Safety.SafetyReplies.CrisisLine;

    public static string AcceptedToRequester(string supporter, string department, SupportDetails? details)
    {
        var how = details?.ContactBy switch
        {
            "phone" => "by phone",
            "in person" => "to meet in person",
            _ => "here in chat",
        };
        var when = string.IsNullOrWhiteSpace(details?.ContactWhen) ? "" : $" ({details!.ContactWhen})";
        var from = department.Length > 0 ? $" from {department}" : "";
        return $"**{supporter}**{from}, a trained H3 peer supporter, will reach out to you {how}{when}. You're not alone in this.";
    }

    public static string Withdrawn(string reference) =>
        $"Support request {reference} has been withdrawn by the person who asked. Nothing more is needed. Thank you.";

    public static string Unreadable(string reference) =>
        $"Support request {reference} can't be read: it was encrypted with a key that is no longer in the bot's settings (Support:Keys), " +
        "or its stored record is damaged. Its reminders and clean-up are paused until the key is back; every other request carries on. " +
        "Please ask whoever runs the bot to check Support:Keys. You'll find it in **h3 requests**.";

    /// <summary>To the accepting supporter, privately, when the request is still open a day and three days on.</summary>
    public static string Reminder(string reference, TimeSpan sinceAccepted) =>
        $"A gentle reminder: you accepted support request {reference} {(sinceAccepted.TotalHours < 36 ? "a day" : $"{Math.Round(sinceAccepted.TotalDays)} days")} ago, " +
        $"and it isn't marked done yet. If you've connected, type **done {reference}**. If you couldn't reach them, or need a hand, " +
        "an H3 coordinator can help. Thank you for being there. 💙";

    public static string Reassigned(string reference) =>
        $"You're no longer on the H3 roster, so support request {reference} has gone to another peer supporter, and its details are no longer shown to you. Thank you for all you did.";

    public static string OfferLapsed(string reference) =>
        $"Support request {reference} has been passed to another peer supporter, as the time to accept ran out. No need to do anything.";

    public static string NowUrgent(string reference) =>
        $"Support request {reference} is now **urgent**. Please reach out as soon as you can, and " + Safety.SafetyReplies.RemindOfNumbers + ".";

    public const string FollowUp =
        "Hi, just checking in, a week after your peer support conversation. How are you doing? If you'd like to talk again, type **support** any time. " +
        Safety.SafetyReplies.CrisisLine;

    /// <summary>The note on a request sent with the crisis card's button: the supporter knows to reach out now, and nothing more.</summary>
    public const string ReachOutNowNote = "Sent with one tap from the bot's crisis-help message: please reach out as soon as you can.";

    public const string AlreadyUrgent = "Your open request is now marked urgent, so a peer supporter is asked to reach out as soon as possible.";

    public const string NoOpenRequest = "You don't have an open support request. Type **support** if you'd like to ask for one.";
}
