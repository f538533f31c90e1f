using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>Who wrote the message a kudos is given from, as the channel says: its id for them, a name, and whether it was an app.</summary>
public sealed record MessageAuthor(string Id, string Name, bool IsApp);

/// <summary>
/// "Give kudos" on someone's message (Teams message action, Slack message shortcut), or from the compose box or a
/// global shortcut with no message: the kudos form, for the message's author, with a short quote of what they wrote.
/// What the form sends back is an ordinary <see cref="KudosDialog.SubmitAction"/>, so it is saved and checked the same way.
/// </summary>
public sealed class KudosFromMessage(IPeopleDirectory people, TimeProvider clock)
{
    /// <summary>Enough of the message to know which one it was, not a copy of it.</summary>
    public const int QuoteLength = 140;

    public const string AppAuthor = "That message was written by an app, and kudos are for people. Pick the colleague you'd like to recognise in the form.";

    /// <summary>The form, and anything to say at its top (the author could not be found, or was an app).</summary>
    public async Task<Card> FormAsync(Turn turn, MessageAuthor? author, string? messageText, CancellationToken ct)
    {
        var (to, problem) = await RecipientAsync(turn, author, ct).ConfigureAwait(false);
        return KudosCards.Form(CardData.NewDraftId(), clock.GetUtcNow(), to: to, quote: Quote(messageText),
            problem: problem is null ? null : new FormProblem(KudosCards.RecipientsInput, problem));
    }

    private async Task<(IReadOnlyList<UserRef> To, string? Problem)> RecipientAsync(Turn turn, MessageAuthor? author, CancellationToken ct)
    {
        if (author is null) return ([], null);
        if (author.IsApp || author.Id == turn.Bot?.Id) return ([], AppAuthor);
        // Their own message: a self-highlight, which the form shows as "For You".
        if (author.Id == turn.From.Id || author.Id == turn.From.AadObjectId) return ([turn.From], null);
        var person = await people.FindAsync(turn, author.Id, ct).ConfigureAwait(false);
        return person is null
            ? ([], $"I couldn't look up {author.Name} here. Please pick them in the form, or ask them to open WellnessBot once.")
            : ([person], null);
    }

    /// <summary>The start of the message on one line, cut at a word, markup-free enough to show as plain text.</summary>
    public static string? Quote(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= QuoteLength) return line;
        var cut = line.LastIndexOf(' ', QuoteLength);
        return line[..(cut > QuoteLength / 2 ? cut : QuoteLength)] + "…";
    }
}
