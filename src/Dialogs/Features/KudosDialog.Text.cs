using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>The kudos feature's own words.</summary>
public sealed partial class KudosDialog
{
    private static class Text
    {
        public const string BotAsRecipient = "That's very kind, but I'm a bot, so I can't receive kudos! Recognise a colleague instead: **kudos @name thanks for…**";
        public const string ChooseOnTheCard = "Please choose on the card above: send the kudos as written, change the message, or don't send it.";
        public const string NothingWaiting = "There's no kudos waiting here any more, so nothing was sent. You can start a new one any time: **kudos @name thanks for…**";
        public const string Dropped = "Okay. Nothing was sent or saved.";
        public const string FillInTheForm = "Please fill in the kudos form above and press **Send kudos**, or type **cancel**.";
        public const string NoRecipient = "Please pick at least one colleague, or turn on \"Include me\" to highlight yourself.";
        public const string NoMessage = "Please write a short message: what did they do that made a difference?";
        public const string PickedPersonUnknown = "I couldn't reach one of the people you picked: they may have left or been deactivated, " +
            "or (in Teams) not share a team with WellnessBot yet. Please check who you picked and try again; your message is kept.";
        public const string Withdrawn = "Your kudos has been withdrawn. It won't appear in the digest.";
        public const string Gone = "That kudos no longer exists (it may have been withdrawn).";
        public const string NotYours = "Only the person who gave a kudos can change it.";
        public const string NotesOn = "You'll get a private note when someone recognises you.";
        public const string NotesOff = "Okay, no more private notes when someone recognises you. Your kudos still appear in the monthly digest. Type **kudos notes on** to turn them back on.";

        public static string AskForMessage(IReadOnlyList<UserRef> to, UserRef giver) =>
            $"What would you like to say to {string.Join(" and ", to.Select(r => r.Key == giver.Key ? "yourself" : r.Name))}? Type your message (up to {KudosRecord.MaxMessageLength} characters).";

        public static string TooMany(int limit) =>
            $"That's a lot of people! One kudos can name up to {limit} colleagues. Please split it into a few, or recognise the team in your message.";

        public static string DailyLimit(int limit, string message) =>
            $"You've given {limit} kudos in the last 24 hours, which is today's limit: thank you for noticing so many colleagues! 💙 " +
            $"Nothing was sent this time. Here's what you wrote, to send tomorrow: {message}";

        public static string TooLong(int length) =>
            $"Your message is {length} characters; the limit is {KudosRecord.MaxMessageLength}. I've kept your text in the form below so you can shorten it.";

        public static string UnknownPerson(string name, string original) =>
            $"I couldn't find {name}. Please @mention them so Teams links the right person (type @ and pick their name from the list), then send it again. Here's what you wrote: {original}";

        public static string CouldNotNotify(IReadOnlyList<string> names) =>
            $"Your kudos is saved for the breakfast, but I couldn't send {string.Join(" and ", names)} a private note (they may have left or been deactivated, or not have WellnessBot yet).";

        public static string PatientDetails(string highlighted) =>
            "This looks like it may include patient details (marked in bold): " + highlighted + "\n\n" +
            "Kudos are shared in the program channel and read aloud at the breakfast, so please leave patients' names, record numbers, " +
            "rooms and dates out. What your colleague did says it all. Nothing has been saved or shared.";

        public static string ReactionPatientDetails(UserRef author) =>
            $"Your reaction didn't become a kudos for {author.Name}: their message may include patient details, and kudos are read aloud at the breakfast. " +
            "Use **Give kudos** on the message to say thanks in your own words.";

        public static string ReactionHardWords(UserRef author) =>
            $"Your reaction didn't become a kudos: {author.Name}'s message sounds like they may be going through something hard. " +
            $"If you're worried about them, **support for @{author.Name}** asks a peer supporter to reach out, privately.";

        public static string AlreadyInDigest(Month month) =>
            $"The {month.Title} digest has already been posted, so this kudos can no longer be changed.";
    }
}
