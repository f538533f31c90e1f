using System.Net;
using System.Text.Json;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Teams;

/// <summary>Kudos through the Teams edge: mentions in a channel, and the form's people picker in a personal chat.</summary>
public sealed class TeamsKudosTests : BotFrameworkHostTests
{
    private object FromBen(string text) => new
    {
        type = "message", id = "b-1", channelId = "msteams", serviceUrl = Host.ServiceUrl, text,
        from = new { id = "29:resident-ben", name = "Ben Resident", aadObjectId = "aad-ben" },
        recipient = new { id = TeamsActivities.BotId, name = "WellnessBot" },
        conversation = new { id = "a:personal-ben", conversationType = "personal", tenantId = TeamsActivities.Tenant },
        channelData = new { tenant = new { id = TeamsActivities.Tenant } },
    };

    [Fact]
    public async Task AMentionInAChannelGivesKudosShowsItThereAndNotesTheColleague()
    {
        await Host.PostAsync(FromBen("hello"), Host.ChannelToken()); // Ben has opened the bot once
        var before = Host.ConnectorCalls().Count;

        var response = await Host.PostAsync(TeamsActivities.ChannelMention(Host.ServiceUrl,
            "kudos <at>Ben Resident</at> for the calmest code blue ever", ("29:resident-ben", "Ben Resident")), Host.ChannelToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = Host.ConnectorCalls().Skip(before).ToList();
        var note = Assert.Single(calls, c => c.Path == "/v3/conversations/a:personal-ben/activities");
        Assert.Equal("🎉 <at>Ana Resident</at> recognised you: “for the calmest code blue ever”\n\nIt will be read at the monthly program breakfast.",
            note.Body?["text"]?.GetValue<string>());
        var shout = Assert.Single(calls, c => c.Path.StartsWith("/v3/conversations/19:program-wellness", StringComparison.Ordinal));
        Assert.Equal("🎉 Kudos to <at>Ben Resident</at> from <at>Ana Resident</at>: “for the calmest code blue ever”", shout.Body?["text"]?.GetValue<string>());
        Assert.Equal(2, shout.Body?["entities"]?.AsArray().Count);
    }

    [Fact]
    public async Task AChannelKudosWithPatientDetailsPostsNothingThereAndComesBackPrivatelyWithThemMarked()
    {
        await Host.PostAsync(FromBen("hello"), Host.ChannelToken());
        var before = Host.ConnectorCalls().Count;

        await Host.PostAsync(TeamsActivities.ChannelMention(Host.ServiceUrl,
            "kudos <at>Ben Resident</at> thanks for the handoff on MRN 40211873", ("29:resident-ben", "Ben Resident")), Host.ChannelToken());

        var calls = Host.ConnectorCalls().Skip(before).Where(c => c.Method == "POST").ToList();
        Assert.DoesNotContain(calls, c => c.Path.StartsWith("/v3/conversations/19:program-wellness", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.Path == "/v3/conversations/a:personal-ben/activities"); // Ben is told nothing
        var form = calls.Last().Body!.ToJsonString(); // the kudos form, in Ana's new 1:1 chat
        Assert.Contains("**MRN 40211873**", form, StringComparison.Ordinal);
        Assert.Contains("kudos.submit", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePeoplePickerInAPersonalChatResolvesAzureAdIds()
    {
        await Host.PostAsync(FromBen("hello"), Host.ChannelToken());
        await Host.PostAsync(TeamsActivities.Personal(Host.ServiceUrl, "kudos", id: "2001"), Host.ChannelToken());
        var form = Host.ConnectorCalls().Last().Body!["attachments"]![0]!["content"]!;
        var picker = form["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "recipients")!;
        Assert.Equal("graph.microsoft.com/users", picker["choices.data"]!["dataset"]!.GetValue<string>());
        var submitData = form["actions"]![0]!["data"]!;

        var submit = JsonSerializer.Deserialize<Dictionary<string, object>>(JsonSerializer.Serialize(TeamsActivities.Personal(Host.ServiceUrl, "", id: "2002")))!;
        submit.Remove("text");
        submit["value"] = new Dictionary<string, string>
        {
            ["action"] = submitData["action"]!.GetValue<string>(), ["draft"] = submitData["draft"]!.GetValue<string>(),
            ["started"] = submitData["started"]!.GetValue<string>(), ["recipients"] = "aad-ben", ["message"] = "Thanks for teaching me the FAST exam",
            ["category"] = "Teaching", ["anonymous"] = "false",
        };
        var before = Host.ConnectorCalls().Count;
        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsync(submit, Host.ChannelToken())).StatusCode);

        var calls = Host.ConnectorCalls().Skip(before).ToList();
        Assert.Contains(calls, c => c.Path == "/v3/conversations/a:personal-ben/activities" && c.Body!["text"]!.GetValue<string>().Contains("FAST exam", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Body?["attachments"]?[0]?["content"]?["body"]?[0]?["text"]?.GetValue<string>() == "Kudos saved 🎉");
    }
}
