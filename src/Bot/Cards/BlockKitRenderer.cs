using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

using WellnessBot.Bot.Slack;

namespace WellnessBot.Bot.Cards;

/// <summary>
/// Renders the channel-agnostic messages as Slack Block Kit, within Slack's limits: 50 blocks a message (longer
/// content becomes several messages, never cut), 3,000 characters a text, 10 fields a section, 25 elements an
/// actions block, 75 characters a button label, 255 an action id. Forms (cards with inputs) become modals; in a
/// message they are a button that opens the modal. User text is mrkdwn-escaped, so nobody can inject a mention or a link.
/// </summary>
internal static partial class BlockKitRenderer
{
    public const int MaxBlocksPerMessage = 50, MaxBlocksPerModal = 100, MaxText = 3000, MaxFields = 10, MaxFieldText = 2000,
        MaxActions = 25, MaxButtonText = 75, MaxActionId = 255, MaxButtonValue = 2000, MaxHeader = 150, MaxViewTitle = 24,
        MaxOptionText = 75, MaxOptionValue = 150, MaxOptions = 100, MaxPrivateMetadata = 3000;

    /// <summary>The action id of the button that opens a card's form as a modal; its value is the form's id (<see cref="SlackForms"/>).</summary>
    public const string OpenFormAction = "wb.open_form";
    /// <summary>Link buttons' action ids start with this: Slack reports their clicks, and there is nothing to do.</summary>
    public const string LinkActionPrefix = "wb.link";
    /// <summary>A toggle's one checkbox in a modal; the question is the input's label.</summary>
    public const string ToggleYes = "Yes";

    /// <summary>A message as one or more Slack messages (each within the block limit).</summary>
    public static IReadOnlyList<SlackMessage> Render(BotMessage message)
    {
        var blocks = new List<JsonObject>();
        // The fallback text is mrkdwn too (notifications, screen readers): escaped like everything else.
        var fallback = message.Text is not null ? Plain(WithMentions(SlackText.Escape(message.Text), message.Mentions))
            : SlackText.Escape(message.Card?.Summary ?? message.Card?.Title ?? "WellnessBot");
        if (message.Text is { } text)
            foreach (var chunk in Chunks(WithMentions(SlackText.FromMarkdown(text), message.Mentions), MaxText))
                blocks.Add(Section(chunk));
        if (message.Card is { } card) blocks.AddRange(CardBlocks(card, message.Mentions));
        if (blocks.Count == 0) blocks.Add(Section(" "));

        var messages = new List<SlackMessage>();
        for (var i = 0; i < blocks.Count; i += MaxBlocksPerMessage)
        {
            var part = blocks.Skip(i).Take(MaxBlocksPerMessage).Select(b => (JsonNode)b).ToArray();
            messages.Add(new SlackMessage(Truncate(fallback, MaxText), new JsonArray(part)));
        }
        return messages;
    }

    private static IEnumerable<JsonObject> CardBlocks(Card card, IReadOnlyList<UserRef> mentions)
    {
        if (card.Title is not null)
            yield return new JsonObject { ["type"] = "header", ["text"] = PlainText(Truncate(card.Title, MaxHeader)) };
        var hasInputs = card.Body.OfType<CardInput>().Any();
        foreach (var element in card.Body)
            foreach (var block in ElementBlocks(element, mentions, inModal: false))
                yield return block;

        var buttons = new List<JsonObject>();
        var calls = new List<string>();
        if (hasInputs && card.Actions.OfType<SubmitAction>().FirstOrDefault() is { } submit)
        {
            // Inputs live in a modal: one button opens it (the form's submit comes back as a view_submission).
            buttons.Add(Button(OpenFormAction, "Open the form", SlackForms.FormId(card), ActionStyle.Positive));
        }
        var index = 0;
        foreach (var action in card.Actions)
        {
            switch (action)
            {
                case SubmitAction s when !hasInputs:
                    buttons.Add(Button(ActionId(s.ActionId, index), s.Title, JsonSerializer.Serialize(s.Data), s.Style));
                    break;
                case OpenUrlAction { Url.Scheme: "https" or "http" } open:
                    var link = Button(ActionId(LinkActionPrefix, index), open.Title, null, ActionStyle.Default);
                    link["url"] = open.Url.ToString();
                    buttons.Add(link);
                    break;
                case OpenUrlAction open:
                    calls.Add($"{open.Title}: {Uri.UnescapeDataString(open.Url.AbsolutePath)}"); // tel:/sms: are not Slack button links
                    break;
            }
            index++;
        }
        if (calls.Count > 0)
            yield return Context("📞 " + SlackText.Escape(string.Join(" · ", calls)));
        for (var i = 0; i < buttons.Count; i += MaxActions)
            yield return new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray(buttons.Skip(i).Take(MaxActions).Select(b => (JsonNode)b).ToArray()) };
    }

    private static IEnumerable<JsonObject> ElementBlocks(CardElement element, IReadOnlyList<UserRef> mentions, bool inModal)
    {
        switch (element)
        {
            case TextBlock { Style: TextStyle.Subtle } subtle:
                foreach (var chunk in Chunks(WithMentions(SlackText.FromMarkdown(subtle.Text), mentions), MaxText)) yield return Context(chunk);
                break;
            case TextBlock text:
                var prefix = text.Style switch { TextStyle.Attention => "⚠️ ", _ => "" };
                var body = SlackText.FromMarkdown(text.Text);
                if (text.Style == TextStyle.Heading) body = "*" + body + "*";
                foreach (var chunk in Chunks(WithMentions(prefix + body, mentions), MaxText)) yield return Section(chunk);
                break;
            case FactSet facts:
                for (var i = 0; i < facts.Facts.Count; i += MaxFields)
                    yield return new JsonObject
                    {
                        ["type"] = "section",
                        ["fields"] = new JsonArray(facts.Facts.Skip(i).Take(MaxFields)
                            .Select(f => (JsonNode)Mrkdwn(Truncate($"*{SlackText.Escape(f.Title)}*\n{WithMentions(SlackText.FromMarkdown(f.Value), mentions)}", MaxFieldText))).ToArray()),
                    };
                break;
            case CardInput input when inModal:
                yield return InputBlock(input);
                break;
            case CardInput:
                break; // inputs are in the modal the message's button opens
        }
    }

    private static JsonObject InputBlock(CardInput input)
    {
        JsonObject element = input switch
        {
            TextInput t => WithOptional(new JsonObject { ["type"] = "plain_text_input", ["action_id"] = t.Id, ["multiline"] = t.Multiline },
                ("max_length", t.MaxLength is { } max ? JsonValue.Create(max) : null),
                // Slack takes at most 3,000 characters in a text input; the form says when the message is too long.
                ("initial_value", t.Value is { Length: > 0 } v ? JsonValue.Create(Truncate(v, Math.Min(t.MaxLength ?? MaxText, MaxText))) : null),
                ("placeholder", t.Placeholder is { } p ? PlainText(Truncate(p, 150)) : null)),
            ChoiceInput c => Choice(c),
            // Slack's input block must have a label: the toggle's words are that label, said once, and the box is "Yes".
            ToggleInput toggle => WithOptional(new JsonObject
                {
                    ["type"] = "checkboxes", ["action_id"] = toggle.Id,
                    ["options"] = new JsonArray(Option(ToggleYes, "true")),
                },
                ("initial_options", toggle.Value ? new JsonArray(Option(ToggleYes, "true")) : null)),
            PeoplePicker people => new JsonObject
            {
                ["type"] = people.Multiple ? "multi_users_select" : "users_select", ["action_id"] = people.Id,
                ["placeholder"] = PlainText("Pick colleagues"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };
        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = input.Id,
            ["optional"] = !input.Required,
            ["label"] = PlainText(Truncate(input.Label, 2000)),
            ["element"] = element,
        };
    }

    private static JsonObject Choice(ChoiceInput c)
    {
        var options = c.Choices.Take(MaxOptions).Select(o => Option(o.Title, o.Value)).ToList();
        var initial = c.Choices.FirstOrDefault(o => o.Value == c.Value) is { } selected ? Option(selected.Title, selected.Value) : null;
        var element = new JsonObject
        {
            ["type"] = c.Compact || c.Choices.Count > 10 ? "static_select" : "radio_buttons",
            ["action_id"] = c.Id,
            ["options"] = new JsonArray(options.Select(o => (JsonNode)o).ToArray()),
        };
        if (initial is not null) element["initial_option"] = initial;
        return element;
    }

    private static JsonObject Option(string text, string value) =>
        new() { ["text"] = PlainText(Truncate(text, MaxOptionText)), ["value"] = Truncate(value, MaxOptionValue) };

    private static JsonObject WithOptional(JsonObject target, params (string Name, JsonNode? Value)[] values)
    {
        foreach (var (name, value) in values) if (value is not null) target[name] = value;
        return target;
    }

    /// <summary>A modal's submitted values as the form submission the dialogs expect (input id → value); anything of the wrong shape reads as absent.</summary>
    public static FormSubmission ReadSubmission(JsonObject view)
    {
        var metadata = Metadata(view.At("private_metadata").Str());
        var values = new Dictionary<string, string>(metadata.Where(kv => kv.Key != "action"));
        if (view.At("state", "values") is JsonObject state)
            foreach (var (_, block) in state)
            {
                if (block is not JsonObject inputs) continue;
                foreach (var (actionId, value) in inputs)
                    values[actionId] = value.At("type").Str() switch
                    {
                        "plain_text_input" => value.At("value").Str() ?? "",
                        "static_select" or "radio_buttons" => value.At("selected_option", "value").Str() ?? "",
                        "checkboxes" => (value.At("selected_options") as JsonArray)?.Count > 0 ? "true" : "false",
                        "users_select" => value.At("selected_user").Str() ?? "",
                        "multi_users_select" => string.Join(",", (value.At("selected_users") as JsonArray ?? []).Select(u => u.Str()).OfType<string>()),
                        _ => value.At("value").Str() ?? "",
                    };
            }
        return new FormSubmission(metadata.GetValueOrDefault("action") ?? view.At("callback_id").Str() ?? "", values);
    }

    /// <summary>The form's fixed data we put in the modal's private_metadata; nothing when it is not what we wrote.</summary>
    private static Dictionary<string, string> Metadata(string? json)
    {
        try
        {
            return json is { Length: > 0 } ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static JsonObject Button(string actionId, string title, string? value, ActionStyle style)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = Truncate(actionId, MaxActionId),
            ["text"] = PlainText(Truncate(title, MaxButtonText)),
        };
        if (value is not null) button["value"] = value.Length <= MaxButtonValue ? value : throw new InvalidOperationException("Button data too long for Slack.");
        if (style != ActionStyle.Default) button["style"] = style == ActionStyle.Positive ? "primary" : "danger";
        return button;
    }

    /// <summary>Action ids must be unique within a message: the dialog's id, then its position.</summary>
    private static string ActionId(string actionId, int index) => actionId + "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The dialog's action id from a Slack action id ("kudos.withdraw#1" → "kudos.withdraw").</summary>
    public static string DialogActionId(string slackActionId) => slackActionId.Split('#')[0];

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };
    private static JsonObject Context(string mrkdwn) => new() { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(Truncate(mrkdwn, MaxText))) };
    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    /// <summary>"{@0}" becomes a real Slack mention for Slack people, else their (escaped) name.</summary>
    private static string WithMentions(string text, IReadOnlyList<UserRef> mentions)
    {
        for (var i = 0; i < mentions.Count; i++)
            text = text.Replace(BotMessage.MentionToken(i), mentions[i].Channel == Channels.Slack ? $"<@{mentions[i].Id}>" : SlackText.Escape(mentions[i].Name), StringComparison.Ordinal);
        return text;
    }

    private static string Plain(string text) => text.Replace("**", "", StringComparison.Ordinal);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Splits long text at paragraph or line breaks (never mid-word when avoidable) into pieces within <paramref name="max"/>.</summary>
    public static IEnumerable<string> Chunks(string text, int max)
    {
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf("\n\n", max, StringComparison.Ordinal);
            if (cut <= 0) cut = rest.LastIndexOf('\n', max - 1);
            if (cut <= 0) cut = rest.LastIndexOf(' ', max - 1);
            if (cut <= 0) cut = max;
            yield return rest[..cut];
            rest = rest[cut..].TrimStart('\n', ' ');
        }
        yield return rest;
    }
}
