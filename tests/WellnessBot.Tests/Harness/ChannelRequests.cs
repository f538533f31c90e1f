using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Bot.Slack;
using WellnessBot.Tests.Teams;

namespace WellnessBot.Tests.Harness;

/// <summary>Requests as Teams and Slack send them to a bot process, for tests that drive real processes over loopback.</summary>
internal static class ChannelRequests
{
    /// <summary>A Teams 1:1 message (or, with <paramref name="value"/>, a card's submit) from a person in their own chat.</summary>
    public static HttpRequestMessage TeamsPersonal(string botUrl, string serviceUrl, string from, string name, string conversation, string text, string id,
        JsonObject? value = null)
    {
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.Personal(serviceUrl, text, id))!;
        activity["from"] = new JsonObject { ["id"] = from, ["name"] = name };
        activity["conversation"]!["id"] = conversation;
        if (value is not null)
        {
            activity.AsObject().Remove("text");
            activity["value"] = value;
        }
        return Json(botUrl, activity);
    }

    /// <summary>"@WellnessBot <paramref name="text"/>" in the program's Teams channel, from Ana unless said otherwise.</summary>
    public static HttpRequestMessage TeamsChannel(string botUrl, string serviceUrl, string text, string id, (string Id, string Name)[] mentions,
        (string Id, string Name)? from = null)
    {
        var activity = JsonSerializer.SerializeToNode(TeamsActivities.ChannelMention(serviceUrl, text, mentions))!;
        activity["id"] = id;
        if (from is { } who) activity["from"] = new JsonObject { ["id"] = who.Id, ["name"] = who.Name };
        return Json(botUrl, activity);
    }

    /// <summary>A signed Slack slash command from Ana in #wellness.</summary>
    public static HttpRequestMessage SlackCommand(string botUrl, string signingSecret, string command, string text, string responseUrl, string triggerId)
    {
        var form = string.Join("&", new[] { ("team_id", "T0TEAM"), ("channel_id", "C0WELLNESS"), ("channel_name", "wellness"), ("user_id", "U0ANA"),
            ("user_name", "ana"), ("command", command), ("text", text), ("response_url", responseUrl), ("trigger_id", triggerId) }
            .Select(f => Uri.EscapeDataString(f.Item1) + "=" + Uri.EscapeDataString(f.Item2)));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, botUrl + "/slack/commands")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Compute(signingSecret, timestamp, Encoding.UTF8.GetBytes(form)));
        return request;
    }

    private static HttpRequestMessage Json(string botUrl, JsonNode activity) => new(HttpMethod.Post, botUrl + "/api/messages")
    {
        Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
    };
}
