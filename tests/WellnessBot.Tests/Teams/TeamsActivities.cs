using System.Text.Json;
using System.Text.Json.Nodes;

namespace WellnessBot.Tests.Teams;

/// <summary>Activities shaped like real Teams payloads (shared/protocols/fixtures), with our own ids and texts.</summary>
internal static class TeamsActivities
{
    public const string Tenant = "7a1f2c3d-0000-4000-8000-00000000beef";
    public const string BotId = "28:11111111-aaaa-4bbb-8ccc-000000000001";

    /// <summary>An activity as sent by someone else (and, in a personal chat, in their own chat), as JSON to adjust further.</summary>
    public static JsonObject From(object activity, string id, string name, string? personalChat = null)
    {
        var node = JsonSerializer.SerializeToNode(activity)!.AsObject();
        node["from"] = new JsonObject { ["id"] = id, ["name"] = name };
        if (personalChat is not null) node["conversation"]!["id"] = personalChat;
        return node;
    }

    public static object Personal(string serviceUrl, string text, string id = "1001") => new
    {
        type = "message", id, channelId = "msteams", serviceUrl, text, textFormat = "plain", locale = "en-US",
        timestamp = "2026-11-02T12:00:00.000Z",
        from = new { id = "29:resident-ana", name = "Ana Resident", aadObjectId = "0a0a0a0a-0000-4000-8000-000000000001" },
        recipient = new { id = BotId, name = "WellnessBot" },
        conversation = new { id = "a:personal-ana", conversationType = "personal", tenantId = Tenant },
        channelData = new { tenant = new { id = Tenant } },
        entities = new object[] { new { type = "clientInfo", locale = "en-US", country = "US", platform = "Web", timezone = "America/New_York" } },
    };

    public static object ChannelMention(string serviceUrl, string textAfterBot, params (string Id, string Name)[] colleagues)
    {
        var entities = new List<object>
        {
            new { type = "mention", text = "<at>WellnessBot</at>", mentioned = new { id = BotId, name = "WellnessBot" } },
        };
        entities.AddRange(colleagues.Select(c => (object)new { type = "mention", text = $"<at>{c.Name}</at>", mentioned = new { id = c.Id, name = c.Name } }));
        return new
        {
            type = "message", id = "1759944781430", channelId = "msteams", serviceUrl,
            text = "<at>WellnessBot</at> " + textAfterBot, textFormat = "plain",
            from = new { id = "29:resident-ana", name = "Ana Resident", aadObjectId = "0a0a0a0a-0000-4000-8000-000000000001" },
            recipient = new { id = BotId, name = "WellnessBot" },
            conversation = new { id = "19:program-wellness@thread.tacv2;messageid=1759881511856", isGroup = true, conversationType = "channel", tenantId = Tenant },
            channelData = new
            {
                teamsChannelId = "19:program-wellness@thread.tacv2", teamsTeamId = "19:program-general@thread.tacv2",
                channel = new { id = "19:program-wellness@thread.tacv2" }, team = new { id = "19:program-general@thread.tacv2" },
                tenant = new { id = Tenant },
            },
            entities,
        };
    }

    public static object BotInstalledPersonal(string serviceUrl, string conversationId = "a:personal-ana") => new
    {
        type = "conversationUpdate", id = "f:5f85c2ad", channelId = "msteams", serviceUrl,
        membersAdded = new object[] { new { id = BotId }, new { id = "29:resident-ana", aadObjectId = "0a0a0a0a-0000-4000-8000-000000000001" } },
        from = new { id = "29:resident-ana", aadObjectId = "0a0a0a0a-0000-4000-8000-000000000001" },
        recipient = new { id = BotId, name = "WellnessBot" },
        conversation = new { id = conversationId, conversationType = "personal", tenantId = Tenant },
        channelData = new { tenant = new { id = Tenant } },
    };

    public static object Invoke(string serviceUrl, string actionType, object data, string name = "adaptiveCard/action") => new
    {
        type = "invoke", name, id = "f:17b96347", channelId = "msteams", serviceUrl, replyToId = "1767765488332",
        from = new { id = "29:resident-ana", name = "Ana Resident" },
        recipient = new { id = BotId, name = "WellnessBot" },
        conversation = new { id = "a:personal-ana", conversationType = "personal", tenantId = Tenant },
        channelData = new { tenant = new { id = Tenant }, source = new { name = "message" } },
        value = new { action = new { type = actionType, title = "Go", data }, trigger = "manual" },
    };
}
