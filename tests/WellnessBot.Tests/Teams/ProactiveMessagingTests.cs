using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Tests.Harness;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace WellnessBot.Tests.Teams;

/// <summary>Messages sent later, from stored conversation references, through the WireMock connector.</summary>
public sealed class ProactiveMessagingTests : BotFrameworkHostTests
{
    private static readonly UserRef Ana = new("msteams", "29:resident-ana", "Ana Resident");
    private static readonly ConversationRef WellnessChannel = new("msteams", "19:program-wellness@thread.tacv2;messageid=1759881511856", ConversationKind.Channel);
    private IProactiveMessenger Messenger => Host.Services.GetRequiredService<IProactiveMessenger>();

    [Fact]
    public async Task SomeoneTheBotHasSeenInAPersonalChatIsMessagedThere()
    {
        await Host.PostAsync(TeamsActivities.Personal(Host.ServiceUrl, "hello"), Host.ChannelToken());
        var before = Host.ConnectorCalls().Count;

        var where = await Messenger.SendToUserAsync(Ana, BotMessage.Say("Ben recognised you: thanks for the handoff!"));
        Assert.Equal(new SentMessage("a:personal-ana", "activity-1"), where); // the connector's answer, kept to update it later

        var sent = Host.ConnectorCalls().Skip(before).Single();
        Assert.Equal("/v3/conversations/a:personal-ana/activities", sent.Path);
        Assert.Equal("Ben recognised you: thanks for the handoff!", sent.Body?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task SomeoneOnlySeenInAChannelGetsANew1To1ChatWithTheirTenant()
    {
        await Host.PostAsync(TeamsActivities.ChannelMention(Host.ServiceUrl, "help"), Host.ChannelToken());
        var before = Host.ConnectorCalls().Count;

        Assert.NotNull(await Messenger.SendToUserAsync(Ana, BotMessage.Say("hello")));
        Assert.NotNull(await Messenger.SendToUserAsync(Ana, BotMessage.Say("again")));

        var calls = Host.ConnectorCalls().Skip(before).ToList();
        Assert.Equal(["/v3/conversations", "/v3/conversations/activity-1/activities", "/v3/conversations/activity-1/activities"], calls.Select(c => c.Path));
        Assert.Equal(TeamsActivities.Tenant, calls[0].Body?["channelData"]?["tenant"]?["id"]?.GetValue<string>());
        Assert.Equal(TeamsActivities.BotId, calls[0].Body?["bot"]?["id"]?.GetValue<string>());
    }

    [Fact]
    public async Task AChannelPostStartsANewThreadThroughChannelData()
    {
        await Host.PostAsync(TeamsActivities.ChannelMention(Host.ServiceUrl, "help"), Host.ChannelToken());
        var before = Host.ConnectorCalls().Count;

        var id = await Messenger.SendToConversationAsync(WellnessChannel, BotMessage.Say("This month's kudos are in!"));

        Assert.NotNull(id);
        var create = Host.ConnectorCalls().Skip(before).Single();
        Assert.Equal("/v3/conversations", create.Path);
        Assert.True(create.Body?["isGroup"]?.GetValue<bool>());
        Assert.Equal("19:program-wellness@thread.tacv2", create.Body?["channelData"]?["channel"]?["id"]?.GetValue<string>());
        Assert.Equal("This month's kudos are in!", create.Body?["activity"]?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task APersonWhoBlockedTheBotIsReportedUnreachableNotRetriedForever()
    {
        await Host.PostAsync(TeamsActivities.Personal(Host.ServiceUrl, "hello"), Host.ChannelToken());
        Host.Server.Given(Request.Create().WithPath("/v3/conversations/a:personal-ana/activities").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(403).WithBody(
                "{\"errorCode\":209,\"message\":\"{\\r\\n  \\\"subCode\\\": \\\"MessageWritesBlocked\\\",\\r\\n  \\\"details\\\": \\\"Thread is blocked from message writes.\\\"\\r\\n}\"}"));
        var before = Host.ConnectorCalls().Count;

        Assert.Null(await Messenger.SendToUserAsync(Ana, BotMessage.Say("hello")));
        Assert.Single(Host.ConnectorCalls().Skip(before)); // 403 is final: no retries
    }

    [Fact]
    public async Task NobodyTheBotHasNeverSeenIsUnreachable()
    {
        Assert.Null(await Messenger.SendToUserAsync(new UserRef("msteams", "29:stranger", "Stranger"), BotMessage.Say("hi")));
        Assert.Null(await Messenger.SendToConversationAsync(new ConversationRef("msteams", "19:unknown", ConversationKind.Channel), BotMessage.Say("hi")));
        Assert.Empty(Host.ConnectorCalls());
    }

    [Fact]
    public async Task TokensAreForTheBotFrameworkScope()
    {
        await Host.PostAsync(TeamsActivities.Personal(Host.ServiceUrl, "help"), Host.ChannelToken());
        Assert.Contains("https://api.botframework.com/.default", Host.Credential.Scopes);
    }
}

public sealed class AuthenticationOffTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-authoff-").FullName;

    [Fact]
    public async Task WithoutAnAppIdOnlyLoopbackCallersAreServed()
    {
        // TestServer requests have no remote address: like a caller from elsewhere, they are refused.
        await using var remote = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("urls", "http://127.0.0.1:0");
            b.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(_folder, "a.db")}");
        });
        var refused = await remote.CreateClient().PostAsync("/api/messages",
            new StringContent(JsonSerializer.Serialize(TeamsActivities.Personal("http://127.0.0.1:9/", "help")), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // Real Kestrel on loopback, as the Agents Playground calls it: served, no token needed.
        await using var app = WellnessBot.Bot.Hosting.WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development", "--Bot:AllowUnauthenticatedLocalClients=true", WellnessBot.Testing.TestSupportKey.Argument, $"--Storage:ConnectionString=Data Source={Path.Combine(_folder, "b.db")}"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var activity = JsonSerializer.Serialize(new { type = "typing", channelId = "msteams", serviceUrl = "http://127.0.0.1:9/", conversation = new { id = "a:1" }, from = new { id = "29:x" } });
        var served = await client.PostAsync("/api/messages", new StringContent(activity, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/messages"))).StatusCode);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("--MicrosoftAppId=abc", "MicrosoftAppPassword is required")]
    [InlineData("--MicrosoftAppType=Sometimes", "MicrosoftAppType is 'Sometimes'")]
    public async Task IncompleteBotCredentialsStopStartupNamingTheSetting(string setting, string expected)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", WellnessBot.Testing.TestSupportKey.Argument, $"--Storage:ConnectionString=Data Source={Path.Combine(_folder, "c.db")}", setting };
        await using var app = WellnessBot.Bot.Hosting.WellnessBotHost.Build([.. args]);
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void SingleTenantBotsNeedTheirTenant()
    {
        var options = new BotFrameworkOptions { MicrosoftAppId = "a", MicrosoftAppPassword = "p", MicrosoftAppType = BotFrameworkOptions.SingleTenant };
        Assert.Contains(options.Validate(), p => p.Contains("MicrosoftAppTenantId", StringComparison.Ordinal));
        options.MicrosoftAppTenantId = "t";
        Assert.Empty(options.Validate());
        Assert.IsType<Azure.Identity.ClientSecretCredential>(BotTokenProvider.CreateCredential(options));
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(BotTokenProvider.CreateCredential(new BotFrameworkOptions
            { MicrosoftAppId = "client-id", MicrosoftAppType = BotFrameworkOptions.UserAssignedMsi, MicrosoftAppTenantId = "t" }));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
