using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Teams;

/// <summary>
/// A referral and an event outreach through the Teams edge, against the WireMock Bot Connector: nothing in the
/// channel, the referrer never named to the person, "Thanks, not now" in one tap, and the supporter's offer card
/// updated in place (PUT …/activities/{id}) once it is closed.
/// </summary>
public sealed class TeamsOutreachTests : IAsyncLifetime
{
    private const string Worry = "he went very quiet after the code";
    private BotFrameworkHost _host = null!;
    private int _ids;

    public async Task InitializeAsync()
    {
        _host = new BotFrameworkHost(("Program:Coordinators:0", "29:coordinator-eli"));
        // Everyone has opened the bot once; Eli puts Dana on the roster from the program channel.
        foreach (var (id, name, chat) in new[] { ("29:supporter-dana", "Dana Supporter", "a:personal-dana"), ("29:resident-ben", "Ben Resident", "a:personal-ben"),
                     ("29:coordinator-eli", "Eli Coordinator", "a:personal-eli"), ("29:resident-ana", "Ana Resident", "a:personal-ana") })
            await PostAsync(TeamsActivities.From(TeamsActivities.Personal(_host.ServiceUrl, "hello"), id, name, chat));
        await PostAsync(TeamsActivities.From(TeamsActivities.ChannelMention(_host.ServiceUrl, "h3 roster add <at>Dana Supporter</at>", ("29:supporter-dana", "Dana Supporter")),
            "29:coordinator-eli", "Eli Coordinator"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AReferralAskedInTheChannelStaysPrivateAndTheSupportersCardIsUpdatedWhenBenSaysNotNow()
    {
        var before = _host.ConnectorCalls().Count;
        await PostAsync(TeamsActivities.ChannelMention(_host.ServiceUrl, "support for <at>Ben Resident</at>", ("29:resident-ben", "Ben Resident")));
        var form = Card(Assert.Single(Since(before), c => c.Path == "/v3/conversations/a:personal-ana/activities"));
        var data = form["actions"]!.AsArray().Single(a => a!["data"]?["action"]?.GetValue<string>() == "referral.submit")!["data"]!.AsObject();
        Assert.Equal("29:resident-ben", data["person"]!.GetValue<string>());

        await SubmitAsync("29:resident-ana", "Ana Resident", "a:personal-ana", new JsonObject
        {
            ["action"] = "referral.submit", ["draft"] = data["draft"]!.GetValue<string>(), ["person"] = "29:resident-ben",
            ["personName"] = "Ben Resident", ["note"] = Worry, ["named"] = "false", ["urgent"] = "false",
        });
        var offerCall = Assert.Single(Since(before), c => c.Path == "/v3/conversations/a:personal-dana/activities" && c.Body!.ToJsonString().Contains("h3.accept", StringComparison.Ordinal));
        Assert.Contains(Worry, offerCall.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", offerCall.Body!.ToJsonString(), StringComparison.Ordinal); // not to be named
        var request = AcceptData(Card(offerCall))["request"]!.GetValue<string>();

        await SubmitAsync("29:supporter-dana", "Dana Supporter", "a:personal-dana", new JsonObject { ["action"] = "h3.accept", ["request"] = request });
        var toBen = Since(before).Where(c => c.Path == "/v3/conversations/a:personal-ben/activities").ToList();
        var outreach = Assert.Single(toBen).Body!.ToJsonString();
        Assert.Contains("Dana Supporter", outreach, StringComparison.Ordinal);
        Assert.Contains("support.not-now", outreach, StringComparison.Ordinal);

        var beforeNotNow = _host.ConnectorCalls().Count;
        await SubmitAsync("29:resident-ben", "Ben Resident", "a:personal-ben", new JsonObject { ["action"] = "support.not-now", ["request"] = request });

        var update = Assert.Single(Since(beforeNotNow), c => c.Method == "PUT");
        Assert.Equal("/v3/conversations/a:personal-dana/activities/activity-1", update.Path);
        Assert.Equal("activity-1", update.Body!["id"]!.GetValue<string>());
        var redacted = update.Body!.ToJsonString();
        Assert.Contains("no longer shown here", redacted, StringComparison.Ordinal);
        foreach (var secret in new[] { Worry, "Ben Resident", "Ana" }) Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(Since(beforeNotNow), c => c.Path == "/v3/conversations/a:personal-dana/activities" && c.Body!.ToJsonString().Contains("thanks, not now", StringComparison.Ordinal));

        Assert.DoesNotContain(Since(before), c => c.Path.Contains("19:program-wellness", StringComparison.Ordinal));
        Assert.DoesNotContain(Since(before).Where(c => c.Path.StartsWith("/v3/conversations/a:personal-ben", StringComparison.Ordinal)),
            c => c.Body!.ToJsonString().Contains("Ana", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains(Worry, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventOutreachFromTheChannelOffersSupportPrivatelyAndNamesNoCoordinatorToThePerson()
    {
        var before = _host.ConnectorCalls().Count;
        await PostAsync(TeamsActivities.From(TeamsActivities.ChannelMention(_host.ServiceUrl, "h3 event <at>Ben Resident</at> code on 4 West", ("29:resident-ben", "Ben Resident")),
            "29:coordinator-eli", "Eli Coordinator"));
        Assert.Contains(Since(before), c => c.Path == "/v3/conversations/a:personal-eli/activities" && c.Body!.ToJsonString().Contains("offered peer support privately", StringComparison.Ordinal));
        var offer = Assert.Single(Since(before), c => c.Path == "/v3/conversations/a:personal-dana/activities");
        Assert.Contains("code on 4 West", offer.Body!.ToJsonString(), StringComparison.Ordinal);

        await SubmitAsync("29:supporter-dana", "Dana Supporter", "a:personal-dana",
            new JsonObject { ["action"] = "h3.accept", ["request"] = AcceptData(Card(offer))["request"]!.GetValue<string>() });

        var outreach = Assert.Single(Since(before), c => c.Path == "/v3/conversations/a:personal-ben/activities").Body!.ToJsonString();
        Assert.Contains("no judgement about what happened", outreach, StringComparison.Ordinal);
        Assert.DoesNotContain("Eli", outreach, StringComparison.Ordinal);
        Assert.DoesNotContain(Since(before), c => c.Path.Contains("19:program-wellness", StringComparison.Ordinal));
    }

    private async Task PostAsync(JsonObject activity)
    {
        activity["id"] = "t-" + Interlocked.Increment(ref _ids); // every post its own activity
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(activity, _host.ChannelToken())).StatusCode);
    }

    private Task PostAsync(object activity) => PostAsync(JsonNode.Parse(JsonSerializer.Serialize(activity))!.AsObject());

    /// <summary>A card's button pressed in a personal chat: a message activity with the button's data as its value.</summary>
    private Task SubmitAsync(string id, string name, string chat, JsonObject value)
    {
        var activity = TeamsActivities.From(TeamsActivities.Personal(_host.ServiceUrl, ""), id, name, chat);
        activity.Remove("text");
        activity["value"] = value;
        return PostAsync(activity);
    }

    private List<(string Method, string Path, JsonNode? Body, string? Authorization)> Since(int count) => [.. _host.ConnectorCalls().Skip(count)];

    private static JsonNode Card((string Method, string Path, JsonNode? Body, string? Authorization) call) => call.Body!["attachments"]![0]!["content"]!;

    private static JsonObject AcceptData(JsonNode card) =>
        card["actions"]!.AsArray().Single(a => a!["data"]?["action"]?.GetValue<string>() == "h3.accept")!["data"]!.AsObject();
}
