using System.Text.Json.Nodes;
using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Bot.Teams;

/// <summary>Builds the activity the connector receives for a <see cref="BotMessage"/>.</summary>
internal static class OutgoingActivity
{
    public static JsonObject From(BotMessage message, string? replyToId = null)
    {
        var activity = new JsonObject { ["type"] = ActivityTypes.Message };
        if (message.Text is not null)
        {
            var text = message.Text;
            var entities = new JsonArray();
            for (var i = 0; i < message.Mentions.Count; i++)
            {
                var person = message.Mentions[i];
                var markup = AdaptiveCardRenderer.MentionText(person.Name);
                text = text.Replace(BotMessage.MentionToken(i), markup, StringComparison.Ordinal);
                entities.Add(new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = markup,
                    ["mentioned"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name },
                });
            }
            activity["text"] = text;
            activity["textFormat"] = "markdown";
            if (entities.Count > 0) activity["entities"] = entities;
        }
        if (message.Card is { } card)
        {
            activity["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = AdaptiveCardRenderer.ContentType,
                ["content"] = AdaptiveCardRenderer.Render(card),
            });
            if (card.Summary is not null) activity["summary"] = card.Summary;
        }
        if (replyToId is not null) activity["replyToId"] = replyToId;
        return activity;
    }
}
