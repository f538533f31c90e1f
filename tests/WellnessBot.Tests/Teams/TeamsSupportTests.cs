using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Teams;

/// <summary>A support request through the Teams edge: nothing in the channel, the offer in the supporter's chat, nothing in the logs.</summary>
public sealed class TeamsSupportTests : IAsyncLifetime
{
    private const string Note = "Patient coded after my missed potassium result, I keep replaying it";
    private BotFrameworkHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new BotFrameworkHost(("Program:Coordinators:0", "29:coordinator-eli"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AskedInAChannelTheWholeRequestStaysPrivateAndOutOfTheLogs()
    {
        var url = _host.ServiceUrl;
        await _host.PostAsync(TeamsActivities.From(TeamsActivities.Personal(url, "hello", "d-1"), "29:supporter-dana", "Dana Supporter", "a:personal-dana"), _host.ChannelToken());
        await _host.PostAsync(TeamsActivities.From(TeamsActivities.ChannelMention(url, "h3 roster add <at>Dana Supporter</at>", ("29:supporter-dana", "Dana Supporter")),
            "29:coordinator-eli", "Eli Coordinator"), _host.ChannelToken());
        await _host.PostAsync(TeamsActivities.Personal(url, "hello", "a-0"), _host.ChannelToken()); // Ana has opened the bot
        var before = _host.ConnectorCalls().Count;

        var asked = await _host.PostAsync(TeamsActivities.ChannelMention(url, "support"), _host.ChannelToken());

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var calls = _host.ConnectorCalls().Skip(before).ToList();
        Assert.DoesNotContain(calls, c => c.Path.Contains("19:program-wellness", StringComparison.Ordinal));
        var form = Assert.Single(calls, c => c.Path == "/v3/conversations/a:personal-ana/activities").Body!["attachments"]![0]!["content"]!;
        var submit = form["actions"]![0]!["data"]!;
        Assert.Equal("support.submit", submit["action"]!.GetValue<string>());

        var answer = TeamsActivities.From(TeamsActivities.Personal(url, "", "a-1"), "29:resident-ana", "Ana Resident");
        answer.Remove("text");
        answer["value"] = new JsonObject
        {
            ["action"] = "support.submit", ["draft"] = submit["draft"]!.GetValue<string>(), ["tier"] = "peer", ["note"] = Note,
            ["contactBy"] = "phone", ["contactInfo"] = "555-0142", ["contactWhen"] = "after 6pm", ["urgent"] = "false",
        };
        before = _host.ConnectorCalls().Count;
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(answer, _host.ChannelToken())).StatusCode);

        calls = _host.ConnectorCalls().Skip(before).ToList();
        var offer = Assert.Single(calls, c => c.Path == "/v3/conversations/a:personal-dana/activities").Body!.ToJsonString();
        Assert.Contains("missed potassium", offer, StringComparison.Ordinal);
        Assert.Contains("Accept", offer, StringComparison.Ordinal);
        Assert.Contains(calls, c => c.Path.StartsWith("/v3/conversations/a:personal-ana/activities", StringComparison.Ordinal) && c.Body!.ToJsonString().Contains("on its way", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.Path.Contains("19:program-wellness", StringComparison.Ordinal));

        var logs = _host.Logs.Lines;
        Assert.Contains(logs, l => l.Contains("Support request", StringComparison.Ordinal) && l.Contains("created", StringComparison.Ordinal));
        foreach (var secret in new[] { "potassium", "555-0142", "after 6pm" })
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProductionWithoutAnEncryptionKeyStopsStartupSayingWhatToSet()
    {
        var folder = Directory.CreateTempSubdirectory("wellnessbot-nokey-").FullName;
        try
        {
            await using var app = WellnessBot.Bot.Hosting.WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production",
                $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "bot.db")}"]);
            var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("Support:Keys is empty", error.Message, StringComparison.Ordinal);
            Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);

            await using var keyed = WellnessBot.Bot.Hosting.WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production",
                $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "bot2.db")}", "--Support:Keys:2026a=" + TestChat.TestKey]);
            await keyed.StartAsync();
            await keyed.StopAsync();
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
