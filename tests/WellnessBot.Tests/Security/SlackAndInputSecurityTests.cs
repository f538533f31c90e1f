using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WellnessBot.Bot.Hosting;
using WellnessBot.Bot.Slack;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Resources;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Dialogs;
using WellnessBot.Storage;
using WellnessBot.Tests.Harness;
using WellnessBot.Tests.Slack;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Security;

/// <summary>
/// Attacks on the Slack edge (foreign workspaces and organisations, a steered response_url, mass mentions, support
/// details in a channel) and on what people type (coordinator ids from another channel, long words, bidi text,
/// formula cells), and start-up refusals: each refused, nothing queued or sent that should not be.
/// </summary>
public sealed class SlackAndInputSecurityTests
{
    private static (SlackHost Host, RecordingQueue Queue) Start()
    {
        var queue = new RecordingQueue();
        return (new SlackHost(services => services.AddSingleton<ITurnQueue>(queue), ("Slack:AllowedTeams:0", "T0TEAM")), queue);
    }

    private static void NothingQueuedOrCalled(SlackHost host, RecordingQueue queue)
    {
        Assert.Empty(queue.Requests);
        Assert.Empty(host.Calls());
    }

    [Theory]
    [InlineData("command")]
    [InlineData("event")]
    [InlineData("interaction")]
    public async Task AnotherWorkspaceGets403AndNothingIsKept(string kind)
    {
        var (host, queue) = Start();
        await using var _ = host;
        var response = kind switch
        {
            "command" => await host.PostAsync("/slack/commands", SlackHost.Form(("team_id", "T0OTHER"), ("channel_id", "C0X"), ("user_id", "U0EVE"),
                ("command", "/kudos"), ("text", "<@U0BEN|ben> thanks"), ("trigger_id", "1.2.3")), "application/x-www-form-urlencoded"),
            "event" => await host.EventAsync(new { team_id = "T0OTHER", type = "event_callback", event_id = "Ev0OTHER",
                @event = new { type = "app_mention", channel = "C0X", user = "U0EVE", text = "<@U0BOT> h3 requests", ts = "1.1" } }),
            _ => await host.InteractionAsync(new JsonObject { ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = "T0OTHER" },
                ["user"] = new JsonObject { ["id"] = "U0EVE" }, ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "support_accept" }) }),
        };
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        NothingQueuedOrCalled(host, queue);
        Assert.Contains(host.Logs.Lines, l => l.Contains("not in Slack:AllowedTeams", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASlackConnectUserFromAnotherOrganisationIsToldPolitelyAndNothingIsKept()
    {
        var (host, queue) = Start();
        await using var _ = host;
        var response = await host.EventAsync(new { team_id = "T0TEAM", type = "event_callback", event_id = "Ev0CONNECT",
            @event = new { type = "app_mention", channel = "C0SHARED", user = "U0EXT", user_team = "T0ELSEWHERE", text = "<@U0BOT> kudos <@U0BEN> thanks", ts = "1.1" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(queue.Requests);
        for (var i = 0; i < 100 && host.Calls().Count == 0; i++) await Task.Delay(100); // the notice follows the answer
        var notice = Assert.Single(host.Calls());
        Assert.Equal(("chat.postEphemeral", "U0EXT"), (notice.Method, notice.Body["user"]!.GetValue<string>()));
        Assert.Equal(SlackWorkspaces.ForeignUserNotice, notice.Body["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("https://attacker.example/hook")]
    [InlineData("https://hooks.slack.com.attacker.example/commands/T0/1/x")]
    [InlineData("https://hooks.slack.com@attacker.example/commands/T0/1/x")]
    [InlineData("http://hooks.slack.com/commands/T0/1/x")]
    [InlineData("https://hooks.slack.com:8443/commands/T0/1/x")]
    public void AResponseUrlOffHooksSlackComIsNeverUsed(string url)
    {
        var options = new SlackOptions();
        Assert.Null(options.ResponseUrl(url));
        Assert.NotNull(options.ResponseUrl("https://hooks.slack.com/commands/T0TEAM/1/abc")); // Slack's own
    }

    [Fact]
    public async Task AResponseUrlElsewhereReceivesNothing()
    {
        using var attacker = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{LoopbackPort.Free()}"] });
        attacker.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));
        var api = new SlackWebApi(new HttpClient(), new SlackOptions { SigningSecret = "s", BotToken = "xoxb-t" }, NullLogger<SlackWebApi>.Instance);
        Assert.False(await api.RespondAsync(new Uri(attacker.Url + "/hook"), new SlackMessage("support details"), ephemeral: true));
        Assert.Empty(attacker.LogEntries);
    }

    [Fact]
    public async Task MassMentionsAreLookedUpAtMostThirtyTimesAndNothingIsSaved()
    {
        await using var host = new SlackHost(("Slack:AllowedTeams:0", "T0TEAM"));
        host.Api("users.info", new { ok = false, error = "user_not_found" }, priority: 1);
        var mentions = string.Join(" ", Enumerable.Range(0, 500).Select(i => $"<@U{i:D8}>"));
        Assert.Equal(HttpStatusCode.OK, (await host.CommandAsync("/kudos", mentions + " thanks all")).StatusCode);
        await host.IdleAsync();
        Assert.InRange(host.Calls().Count(c => c.Method == "users.info"), 1, SlackInbound.MaxLookupsPerMessage + 1); // + the sender's own name
        Assert.DoesNotContain(host.Calls(), c => c.Method == "conversations.open"); // no note to anyone
        var kudos = await host.Services.GetRequiredService<ITableStore>().GetTableClient(StorageKeys.KudosTable).QueryAllAsync(new TableQuery());
        Assert.DoesNotContain(kudos, k => k.GetString("Message") is not null);
    }

    [Fact]
    public async Task SupportDetailsAreNeverShownInAChannelEvenEphemerally()
    {
        await using var host = new SlackHost(("Program:Coordinators:0", "slack:U0ELI"));
        await host.EventAsync(new { token = "t", team_id = "T0TEAM", type = "event_callback", event_id = "Ev0H3", authorizations = new[] { new { user_id = "U0BOT" } },
            @event = new { type = "app_mention", channel = "C0WELLNESS", user = "U0ELI", text = "<@U0BOT> h3 requests", ts = "1.1" } });
        await host.IdleAsync();
        var inChannel = host.Calls().Where(c => c.Body["channel"]?.GetValue<string>() == "C0WELLNESS").ToList();
        var pointer = Assert.Single(inChannel);
        Assert.Equal(("chat.postEphemeral", SlackTurnContext.SentToDm), (pointer.Method, pointer.Body["text"]!.GetValue<string>()));
        Assert.Contains(host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "D0DM");
        Assert.Empty(host.ResponseUrlPosts());
    }

    public static TheoryData<string, UserRef, bool> CoordinatorSpoofs => new()
    {
        { "msteams:29:coordinator-eli", new UserRef("emulator", "29:coordinator-eli", "Eve"), false },   // the same id from another channel
        { "msteams:29:coordinator-eli", new UserRef("slack", "29:coordinator-eli", "Eve"), false },
        { "slack:U0ELI", new UserRef("msteams", "U0ELI", "Eve"), false },
        { "aad:0a0a0a0a-0000-4000-8000-000000000005", new UserRef("slack", "U0EVE", "Eve", "0a0a0a0a-0000-4000-8000-000000000005"), false }, // Teams only
        { "aad:0a0a0a0a-0000-4000-8000-000000000005", new UserRef("msteams", "29:eli", "Eli", "0a0a0a0a-0000-4000-8000-000000000005"), true },
        { "msteams:29:coordinator-eli", new UserRef("msteams", "29:coordinator-eli", "Eli"), true },
    };

    [Theory]
    [MemberData(nameof(CoordinatorSpoofs))]
    public void CoordinatorIdsAreTiedToTheirChannel(string entry, UserRef who, bool coordinator)
    {
        var program = new ProgramSettings { Coordinators = [entry] };
        Assert.Equal(coordinator, program.IsCoordinator(who));
        Assert.Equal(entry.StartsWith("aad:", StringComparison.Ordinal), program.IsCoordinatorAadObjectId("0a0a0a0a-0000-4000-8000-000000000005"));
    }

    [Fact]
    public async Task AnEmulatorUserWithACoordinatorsIdGetsNoSupportList()
    {
        await using var chat = new TestChat(program: new ProgramSettings { Coordinators = ["msteams:29:coordinator-eli"] });
        await chat.InitializeAsync();
        var eve = new UserRef("emulator", "29:coordinator-eli", "Eve");
        (await chat.As(eve).Send("h3 roster list")).ExpectText("coordinator");
        Assert.Empty(chat.Messenger.ToUsers);
    }

    [Fact]
    public void AFortyKilobyteWordAllocatesNothingAndTheRestOfTheQuestionStillCounts()
    {
        var finder = new CatalogSource(new ResourceSettings { CatalogPath = RepoCatalog }, NullLogger<CatalogSource>.Instance).Finder;
        var question = new string('x', 40 * 1024) + " childcare";
        Assert.Equal(SearchText.Terms("childcare"), SearchText.Terms(question));
        Assert.NotEmpty(finder.Find(question));
        Assert.Empty(finder.Find(new string('q', 40 * 1024)));
    }

    [Theory]
    [InlineData('\u202E')] // right-to-left override
    [InlineData('\u2066')] // left-to-right isolate
    [InlineData('\u200D')] // zero-width joiner
    [InlineData('\u200B')] // zero-width space
    [InlineData('\uFEFF')]
    public async Task BidiAndZeroWidthCharactersAreStrippedFromNamesAndKudos(char hidden)
    {
        Assert.Equal("Ben Resident", UserRef.NameFrom($"Ben{hidden} Resident", "x"));
        await using var chat = new TestChat();
        await chat.InitializeAsync();
        await chat.As(Ana).Send($"kudos @Ben Resident thanks for the{hidden} handoff", [Ben]);
        var saved = await chat.Store.GetTableClient(StorageKeys.KudosTable).QueryAllAsync(new TableQuery());
        var message = Assert.Single(saved, k => k.GetString("Message") is not null).GetString("Message");
        Assert.Equal("thanks for the handoff", message);
        Assert.DoesNotContain(chat.Messenger.ToUsers.SelectMany(m => m.Message.Text ?? ""), c => DisplayText.IsInvisibleControl(c));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://attacker.example\",\"click\")")]
    [InlineData("+1+1")]
    [InlineData("@SUM(A1)")]
    [InlineData("\u200E=cmd|' /C calc'!A0")] // hidden mark before the formula: stripped, then neutralised
    public async Task FormulaCellsInTheExportAreText(string message)
    {
        await using var chat = new TestChat();
        await chat.InitializeAsync();
        await chat.As(Ana).Send("kudos @Ben Resident " + message, [Ben]);
        chat.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        var csv = (await chat.As(Eli).Send("digest export 2026-11")).Private.Single().Text!;
        var row = csv.Split('\n').Single(l => l.StartsWith("2026-11,Ben", StringComparison.Ordinal));
        var field = row.Split(',')[2].TrimStart('"');
        Assert.StartsWith("'", field);
    }

    [Theory]
    [InlineData("Storage:Provider=AzureTables", "Storage:ConnectionString=DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;TableEndpoint=http://tables.example.com/a", "Storage:ConnectionString")]
    [InlineData("Storage:Provider=AzureTables", "Storage:ConnectionString=http://tables.example.com/a?sv=2024&sig=abc", "Storage:ConnectionString")]
    [InlineData("Program:Coordinators:0=slack:", "Program:Name=x", "Program:Coordinators")]
    [InlineData("Program:Coordinators:0= ", "Program:Name=x", "Program:Coordinators")]
    [InlineData("Program:TimeZone=Mars/Olympus_Mons", "Program:Name=x", "Program:TimeZone")]
    [InlineData("Metrics:Token=short", "Program:Name=x", "Metrics:Token")]
    public async Task BadSettingsStopStartUpNamingTheSetting(string first, string second, string named)
    {
        var folder = Directory.CreateTempSubdirectory("wellnessbot-sec-start-").FullName;
        await using var app = WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", WellnessBot.Testing.TestSupportKey.Argument, "--environment", "Development",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "s.db")}", "--" + first, "--" + second]);
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a2V5", error.Message, StringComparison.Ordinal); // never the key itself
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } // the store may still hold its files open
    }
}
