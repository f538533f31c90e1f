using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Tests.Harness;
using WellnessBot.Tests.Teams;

namespace WellnessBot.Tests.Fuzz;

/// <summary>
/// Thousands of seeded mutations of real Teams activities, signed as the Bot Connector signs them: none gets a 5xx,
/// no turn fails in the background, and the bot still answers a plain message afterwards.
/// </summary>
public sealed class TeamsMalformedInputTests : BotFrameworkHostTests
{
    public const int Cases = 5_000;

    private JsonNode[] Seeds() =>
    [
        Node(TeamsActivities.Personal(Host.ServiceUrl, "help")),
        Node(TeamsActivities.Personal(Host.ServiceUrl, "i cant do this anymore")),
        Node(TeamsActivities.ChannelMention(Host.ServiceUrl, "kudos <at>Ben Resident</at> thanks for the handoff", ("29:resident-ben", "Ben Resident"))),
        Node(TeamsActivities.BotInstalledPersonal(Host.ServiceUrl)),
        Submission("kudos.submit", new() { ["draft"] = "d1", ["started"] = "638000000000000000", ["recipients"] = "aad-ben", ["message"] = "thanks", ["category"] = "Teamwork" }),
        Submission("kudos.edit", new() { ["id"] = "0123456789abcdef0123", ["month"] = "2026-11" }),
        Submission("support.submit", new() { ["draft"] = "s1", ["tier"] = "peer", ["note"] = "rough night", ["contactBy"] = "phone", ["urgent"] = "true" }),
        Submission("support.reach-out", new() { ["draft"] = "c1" }),
        Submission("h3.accept", new() { ["request"] = "abcdef0123456789" }),
        Submission("resources.category", new() { ["category"] = "childcare" }),
        MessageAction("composeExtension/fetchTask", new JsonObject
        {
            ["commandId"] = "giveKudos", ["commandContext"] = "message",
            ["messagePayload"] = new JsonObject
            {
                ["id"] = "1", ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "0a0a0a0a-0000-4000-8000-000000000002", ["displayName"] = "Ben Resident" } },
                ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>covered the <b>ICU</b> list</p>" },
            },
        }),
        MessageAction("composeExtension/submitAction", new JsonObject
        {
            ["commandId"] = "giveKudos", ["commandContext"] = "message",
            ["data"] = new JsonObject { ["action"] = "kudos.submit", ["draft"] = "d2", ["started"] = "638000000000000000", ["to"] = "[[\"29:resident-ben\",\"Ben\"]]", ["message"] = "thanks" },
        }),
    ];

    /// <summary>"Give kudos" on a channel message: the invoke Teams sends, answered in the request.</summary>
    private JsonNode MessageAction(string name, JsonObject value)
    {
        var activity = Node(TeamsActivities.ChannelMention(Host.ServiceUrl, ""));
        activity["type"] = "invoke";
        activity["name"] = name;
        activity.AsObject().Remove("text");
        activity.AsObject().Remove("entities");
        activity["value"] = value;
        return activity;
    }

    private static JsonNode Node(object activity) => JsonSerializer.SerializeToNode(activity)!;

    private JsonNode Submission(string action, Dictionary<string, string> data)
    {
        var activity = Node(TeamsActivities.Personal(Host.ServiceUrl, ""));
        activity.AsObject().Remove("text");
        var value = new JsonObject { ["action"] = action };
        foreach (var (key, v) in data) value[key] = v;
        activity["value"] = value;
        return activity;
    }

    [Fact]
    public async Task NoMutatedActivityGetsA5xxOrBreaksATurn()
    {
        var mutator = new Mutator(seed: 20261202);
        var seeds = Seeds();
        var token = Host.ChannelToken();
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var body = mutator.Chance(0.05) ? mutator.Garbage() : mutator.Mutate(seeds[mutator.Next(seeds.Length)]).ToJsonString();
            var response = await Host.PostWithoutWaitingAsync(body, token);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500 && failures.Count < 5) failures.Add($"{status}: {body[..Math.Min(body.Length, 300)]}");
        }
        await Host.IdleAsync();

        FuzzVerdict.Assert(failures, Host.Logs, statuses, Cases);

        // Still healthy, and still answering.
        Assert.Equal(HttpStatusCode.OK, (await Host.GetAsync("/healthz")).StatusCode);
        var before = Host.ConnectorCalls().Count;
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(TeamsActivities.Personal(Host.ServiceUrl, "help", id: "after-fuzz"), token)).StatusCode);
        Assert.True(Host.ConnectorCalls().Count > before);
    }
}
