namespace WellnessBot.Dialogs.Engine;

/// <summary>The engine's own words. Kind, short, and honest about what happened.</summary>
internal static class Replies
{
    public const string NothingToCancel = "There's nothing in progress to cancel. Type **help** to see what I can do.";
    public const string Cancelled = "Cancelled. Nothing from that conversation was saved.";
    public const string StillInDialog = "You're still partway through something with me: carry on where you left off, or type **cancel** to stop.";
    public const string StartOver = "I've been updated since we last talked, so I couldn't pick up where we left off. Sorry about that! Please start again.";
    public const string Raced = "I received two messages from you at the same moment and kept the first. Please check my last reply and try again if needed.";
    public const string CoordinatorsOnly = "That command is for wellness program coordinators. If you think you should have access, please contact your program coordinator.";
    public const string PutAside = "What we were doing is on hold, and nothing from it was saved. When you're ready, start it again, or type **cancel** to let it go.";
    public const string NotUnderstood = "Sorry, I didn't understand that. You can type **kudos**, **support**, **resources**, or **help** to see everything I can do.";
    public const string StoreUnavailable = "Sorry, I'm having trouble reaching my storage right now, so I haven't saved anything from that message. Please try again in a few minutes.";
}
