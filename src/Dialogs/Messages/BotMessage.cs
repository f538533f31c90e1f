using System.Text.Json.Serialization;

namespace WellnessBot.Dialogs.Messages;

/// <summary>
/// What the bot says, independent of channel: text with simple markdown (**bold**, _italic_, [links](url), lists),
/// optionally a card, and the people the text mentions so they are notified. Channel renderers turn it into
/// Adaptive Cards or Block Kit.
/// </summary>
public sealed record BotMessage
{
    public string? Text { get; init; }
    public Card? Card { get; init; }

    /// <summary>People to notify; the text names each as <see cref="MentionToken"/>.</summary>
    public IReadOnlyList<Turns.UserRef> Mentions { get; init; } = [];

    /// <summary>
    /// Support-request details (status, who will reach out, lists, details): only ever in the person's own chat. In
    /// a shared conversation the channel sends them there with a pointer, never in the conversation, even ephemerally.
    /// </summary>
    public bool Confidential { get; init; }

    public static BotMessage Say(string text) => new() { Text = text };
    public static BotMessage SayConfidentially(string text) => new() { Text = text, Confidential = true };
    public static BotMessage Show(Card card) => new() { Card = card };

    /// <summary>The placeholder for a mention inside text: "{@0}" is the first of <see cref="Mentions"/>.</summary>
    public static string MentionToken(int index) => "{@" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
}

/// <summary>
/// A card: a kind (a stable name tests and renderers key on, e.g. "help"), a title, body elements and actions.
/// Built with the typed builders in each feature; never as channel JSON.
/// </summary>
public sealed record Card(string Kind)
{
    public string? Title { get; init; }
    public IReadOnlyList<CardElement> Body { get; init; } = [];
    public IReadOnlyList<CardAction> Actions { get; init; } = [];

    /// <summary>Text the channel shows where cards are not rendered (notifications, screen readers).</summary>
    public string? Summary { get; init; }
}

public enum TextStyle { Normal, Heading, Subtle, Attention }

/// <summary>Every element by a short type name, so a message kept in the outbox reads back as it was built.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(TextBlock), "text")]
[JsonDerivedType(typeof(FactSet), "facts")]
[JsonDerivedType(typeof(TextInput), "text-input")]
[JsonDerivedType(typeof(ChoiceInput), "choice-input")]
[JsonDerivedType(typeof(ToggleInput), "toggle-input")]
[JsonDerivedType(typeof(PeoplePicker), "people-picker")]
public abstract record CardElement;

public static class CardElements
{
    /// <summary>
    /// A form's body with its problem shown: said at the top (Teams shows no per-field messages on a sent card)
    /// and set on the input it belongs to.
    /// </summary>
    public static IReadOnlyList<CardElement> WithProblem(this IEnumerable<CardElement> body, FormProblem? problem) => problem is null ? [.. body] :
    [
        new TextBlock(problem.Text, TextStyle.Attention),
        .. body.Select(e => e is CardInput input && input.Id == problem.InputId ? input with { Problem = problem.Text } : e),
    ];
}

/// <summary>A paragraph of simple markdown.</summary>
public sealed record TextBlock(string Text, TextStyle Style = TextStyle.Normal) : CardElement;

/// <summary>Label–value pairs ("Category: teamwork").</summary>
public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;
public sealed record Fact(string Title, string Value);

/// <summary>A form input; its value arrives in <see cref="Turns.FormSubmission.Values"/> under <see cref="Id"/>.</summary>
public abstract record CardInput(string Id, string Label) : CardElement
{
    public bool Required { get; init; }
    public string? ErrorMessage { get; init; }

    /// <summary>What is wrong with this input's last value, when the form is shown again (Slack shows it under the field).</summary>
    public string? Problem { get; init; }
}

/// <summary>Why a form came back: the input at fault and what to say about it.</summary>
public sealed record FormProblem(string InputId, string Text);

public sealed record TextInput(string Id, string Label) : CardInput(Id, Label)
{
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public bool Multiline { get; init; }
    public int? MaxLength { get; init; }
}

public sealed record ChoiceInput(string Id, string Label, IReadOnlyList<Choice> Choices) : CardInput(Id, Label)
{
    public string? Value { get; init; }
    /// <summary>Radio buttons when false (few choices), a drop-down when true.</summary>
    public bool Compact { get; init; }
}

public sealed record Choice(string Title, string Value);

public sealed record ToggleInput(string Id, string Label) : CardInput(Id, Label)
{
    public bool Value { get; init; }
}

/// <summary>Pick colleagues from the organisation's directory (Teams people picker, Slack users select).</summary>
public sealed record PeoplePicker(string Id, string Label) : CardInput(Id, Label)
{
    public bool Multiple { get; init; } = true;
}

public enum ActionStyle { Default, Positive, Destructive }

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(SubmitAction), "submit")]
[JsonDerivedType(typeof(OpenUrlAction), "open-url")]
public abstract record CardAction(string Title);

/// <summary>A button that sends the form's inputs back to the bot with <see cref="ActionId"/> and fixed data.</summary>
public sealed record SubmitAction(string Title, string ActionId) : CardAction(Title)
{
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
    public ActionStyle Style { get; init; }
}

/// <summary>A button that opens a link (https: or tel:).</summary>
public sealed record OpenUrlAction(string Title, Uri Url) : CardAction(Title);
