using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Bot.Cards;

/// <summary>Slack's views other than messages, from the same card model: a form's modal, a notice pushed on top of it, the App Home.</summary>
internal static partial class BlockKitRenderer
{
    /// <summary>A card with inputs as a modal view: inputs become input blocks; submitting sends the card's submit action.</summary>
    public static JsonObject Modal(Card card)
    {
        var submit = card.Actions.OfType<SubmitAction>().FirstOrDefault();
        var blocks = new List<JsonObject>();
        foreach (var element in card.Body)
            blocks.AddRange(ElementBlocks(element, [], inModal: true));
        var metadata = JsonSerializer.Serialize(new Dictionary<string, string>(submit?.Data ?? new Dictionary<string, string>()) { ["action"] = submit?.ActionId ?? "" });
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = Truncate(submit?.ActionId ?? card.Kind, MaxActionId),
            ["private_metadata"] = metadata.Length <= MaxPrivateMetadata ? metadata : throw new InvalidOperationException("Form data too long for a Slack modal."),
            ["title"] = PlainText(Truncate(card.Title ?? "WellnessBot", MaxViewTitle)),
            ["close"] = PlainText("Cancel"),
            ["blocks"] = new JsonArray(blocks.Take(MaxBlocksPerModal).Select(b => (JsonNode)b).ToArray()),
        };
        if (submit is not null) view["submit"] = PlainText(Truncate(submit.Title, MaxViewTitle));
        return view;
    }

    /// <summary>A card as a small modal pushed on top of another, closed with <paramref name="close"/>: nothing to submit.</summary>
    public static JsonObject Notice(Card card, string close) => new()
    {
        ["type"] = "modal",
        ["title"] = PlainText(Truncate(card.Title ?? "WellnessBot", MaxViewTitle)),
        ["close"] = PlainText(Truncate(close, MaxViewTitle)),
        ["blocks"] = new JsonArray(card.Body.SelectMany(e => ElementBlocks(e, [], inModal: false)).Take(MaxBlocksPerModal).Select(b => (JsonNode)b).ToArray()),
    };

    /// <summary>
    /// A card as an App Home tab. Its actions come right under its title: they are the tab's shortcuts, and the
    /// body (what changes month to month) follows.
    /// </summary>
    public static JsonObject Home(Card card)
    {
        var blocks = new List<JsonObject>();
        if (card.Title is not null) blocks.Add(new JsonObject { ["type"] = "header", ["text"] = PlainText(Truncate(card.Title, MaxHeader)) });
        var buttons = card.Actions.OfType<SubmitAction>().Take(MaxActions)
            .Select((a, i) => (JsonNode)Button(ActionId(a.ActionId, i), a.Title, JsonSerializer.Serialize(a.Data), a.Style)).ToArray();
        if (buttons.Length > 0) blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray(buttons) });
        blocks.AddRange(card.Body.SelectMany(e => ElementBlocks(e, [], inModal: false)));
        return new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray(blocks.Take(MaxBlocksPerModal).Select(b => (JsonNode)b).ToArray()) };
    }
}
