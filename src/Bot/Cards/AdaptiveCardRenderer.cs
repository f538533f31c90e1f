using System.Net;
using System.Text.Json.Nodes;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Bot.Cards;

/// <summary>
/// Renders the channel-agnostic <see cref="Card"/> as an Adaptive Card 1.5 using only what Teams supports:
/// TextBlock, FactSet, Input.Text/ChoiceSet/Toggle (the people picker is a ChoiceSet on Teams' Graph users dataset),
/// Action.Submit and Action.OpenUrl. Submit data carries the action id under "action".
/// </summary>
internal static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    public static JsonObject Render(Card card)
    {
        var body = new JsonArray();
        if (card.Title is not null)
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = card.Title, ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true, ["style"] = "heading" });
        foreach (var element in card.Body)
            body.Add(Render(element));

        var json = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = body,
        };
        if (card.Actions.Count > 0)
            json["actions"] = new JsonArray(card.Actions.Select(Render).ToArray<JsonNode?>());
        if (card.Summary is not null)
            json["fallbackText"] = card.Summary;
        return json;
    }

    private static JsonObject Render(CardElement element) => element switch
    {
        TextBlock text => Text(text),
        FactSet facts => new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray(facts.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value }).ToArray()),
        },
        TextInput input => Input(input, "Input.Text", o =>
        {
            if (input.Placeholder is not null) o["placeholder"] = input.Placeholder;
            if (input.Value is not null) o["value"] = input.Value;
            if (input.Multiline) o["isMultiline"] = true;
            if (input.MaxLength is { } max) o["maxLength"] = max;
        }),
        ChoiceInput choice => Input(choice, "Input.ChoiceSet", o =>
        {
            o["style"] = choice.Compact ? "compact" : "expanded";
            o["choices"] = new JsonArray(choice.Choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value }).ToArray());
            if (choice.Value is not null) o["value"] = choice.Value;
        }),
        ToggleInput toggle => Input(toggle, "Input.Toggle", o =>
        {
            // Said once, beside the box, as Teams' own forms do: a toggle's title is its label.
            o.Remove("label");
            o["title"] = toggle.Label;
            o["value"] = toggle.Value ? "true" : "false";
            o["valueOn"] = "true";
            o["valueOff"] = "false";
        }),
        PeoplePicker picker => Input(picker, "Input.ChoiceSet", o =>
        {
            o["style"] = "filtered";
            o["isMultiSelect"] = picker.Multiple;
            o["choices"] = new JsonArray();
            o["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = "graph.microsoft.com/users" };
        }),
        _ => throw new NotSupportedException($"No Adaptive Card rendering for {element.GetType().Name}."),
    };

    private static JsonObject Text(TextBlock text)
    {
        var json = new JsonObject { ["type"] = "TextBlock", ["text"] = text.Text, ["wrap"] = true };
        switch (text.Style)
        {
            case TextStyle.Heading: json["weight"] = "Bolder"; json["size"] = "Medium"; break;
            case TextStyle.Subtle: json["isSubtle"] = true; json["size"] = "Small"; break;
            case TextStyle.Attention: json["color"] = "Attention"; break;
        }
        return json;
    }

    private static JsonObject Input(CardInput input, string type, Action<JsonObject> specifics)
    {
        var json = new JsonObject { ["type"] = type, ["id"] = input.Id, ["label"] = input.Label };
        specifics(json);
        if (input.Required) json["isRequired"] = true;
        if (input.ErrorMessage is not null) json["errorMessage"] = input.ErrorMessage;
        return json;
    }

    private static JsonObject Render(CardAction action) => action switch
    {
        SubmitAction submit => Submit(submit),
        OpenUrlAction open => new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = open.Title, ["url"] = open.Url.ToString() },
        _ => throw new NotSupportedException($"No Adaptive Card rendering for {action.GetType().Name}."),
    };

    private static JsonObject Submit(SubmitAction submit)
    {
        var data = new JsonObject { [Teams.ActivityMapper.ActionKey] = submit.ActionId };
        foreach (var (key, value) in submit.Data) data[key] = value;
        var json = new JsonObject { ["type"] = "Action.Submit", ["title"] = submit.Title, ["data"] = data };
        if (submit.Style != ActionStyle.Default) json["style"] = submit.Style == ActionStyle.Positive ? "positive" : "destructive";
        return json;
    }

    /// <summary>Teams' mention markup: the name is XML-escaped inside &lt;at&gt; tags and matched by the entity's text.</summary>
    public static string MentionText(string name) => "<at>" + WebUtility.HtmlEncode(name) + "</at>";
}
