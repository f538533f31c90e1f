using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// The real bot process on loopback with the console's local sign-in (Eli a coordinator, Ana not), and what a
/// browser does with it: keep cookies, read a form's antiforgery token, post the form.
/// </summary>
public sealed partial class ConsoleSite : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-console-").FullName;
    private BotProcess _bot = null!;
    private int _activities;

    public string Url => _bot.Url;

    /// <summary>The Bot Connector stand-in the bot's replies to Ana go to (every call answered 201).</summary>
    public WireMock.Server.WireMockServer Connector { get; } = StubConnector();

    private static WireMock.Server.WireMockServer StubConnector()
    {
        var connector = WireMock.Server.WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = [$"http://127.0.0.1:{LoopbackPort.Free()}"] });
        connector.Given(WireMock.RequestBuilders.Request.Create().UsingAnyMethod()).AtPriority(100) // after any test's own answers
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(201).WithBodyAsJson(new { id = "1" }));
        return connector;
    }

    public static async Task<ConsoleSite> StartAsync(string environment = "Development")
    {
        var site = new ConsoleSite();
        await site.RestartAsync(environment);
        return site;
    }

    /// <summary>Stops the bot (if running) and starts it again in <paramref name="environment"/>, on a store of its own.</summary>
    public async Task RestartAsync(string environment)
    {
        if (_bot is not null) await _bot.DisposeAsync();
        _bot = await BotProcess.StartAsync(_folder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Storage__ConnectionString"] = $"Data Source={Path.Combine(_folder, environment + ".db")}",
            ["Resources__CatalogPath"] = TestChat.RepoCatalog,
            ["Program__Coordinators__0"] = "29:coordinator-eli",
            ["Support__Keys__" + TestSupportKey.Id] = TestSupportKey.Value,
            ["Console__LocalPeople__0__Id"] = "29:coordinator-eli", ["Console__LocalPeople__0__Name"] = "Eli Coordinator",
            ["Console__LocalPeople__0__AadObjectId"] = "0a0a0a0a-0000-4000-8000-000000000005",
            ["Console__LocalPeople__1__Id"] = "29:resident-ana", ["Console__LocalPeople__1__Name"] = "Ana Resident",
            ["Console__LocalPeople__1__AadObjectId"] = "0a0a0a0a-0000-4000-8000-000000000001",
        });
    }

    public async ValueTask DisposeAsync()
    {
        Connector.Stop();
        await _bot.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    public static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Opens the sign-in page (with its antiforgery token) and chooses a person, as a browser would.</summary>
    public Task<HttpResponseMessage> SignInAsync(HttpClient browser, string personId, string page = "/console/signin") =>
        PostFormAsync(browser, page, null, new() { ["_handler"] = "local-signin", ["PersonId"] = personId });

    /// <summary>Reads a page's form token and posts a form to <paramref name="action"/> (default: the page's own form action).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string? action, Dictionary<string, string> fields)
    {
        var html = await (await browser.GetAsync(Url + page)).Content.ReadAsStringAsync();
        if (Token().Match(html) is { Success: true } token) fields["__RequestVerificationToken"] = token.Groups[1].Value;
        action ??= FormAction().Match(html) is { Success: true } form ? WebUtility.HtmlDecode(form.Groups[1].Value) : page;
        return await browser.PostAsync(Url + action, new FormUrlEncodedContent(fields));
    }

    public async Task<string> PageAsync(HttpClient browser, string path) => await (await browser.GetAsync(Url + path)).Content.ReadAsStringAsync();

    /// <summary>Ana's personal-chat message to the bot (auth is off on loopback in these runs); replies go to <see cref="Connector"/>.</summary>
    public async Task SayAsAnaAsync(string text)
    {
        using var http = new HttpClient();
        var activity = WellnessBot.Tests.Teams.TeamsActivities.Personal(Connector.Url + "/", text, id: "console-" + Interlocked.Increment(ref _activities));
        (await http.PostAsync(Url + "/api/messages", JsonContent.Create(activity))).EnsureSuccessStatusCode();
    }

    /// <summary>The program team's members, as the stub connector answers pagedmembers from now on.</summary>
    public void TeamMembers(params (string Id, string Name)[] members) =>
        Connector.Given(WireMock.RequestBuilders.Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/v3/conversations/*/pagedmembers")).UsingGet())
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBodyAsJson(new
            {
                members = members.Select((m, i) => new { id = m.Id, name = m.Name, aadObjectId = $"0b0b0b0b-0000-4000-8000-{i:D12}", userPrincipalName = m.Id + "@example.org" }).ToArray(),
            }));

    /// <summary>"@WellnessBot <paramref name="text"/>" from Ana in the program's channel, mentioning <paramref name="mentions"/>.</summary>
    public async Task SayInTheChannelAsync(string text, params (string Id, string Name)[] mentions)
    {
        using var http = new HttpClient();
        using var request = ChannelRequests.TeamsChannel(Url, Connector.Url + "/", text, "console-channel-" + Interlocked.Increment(ref _activities), mentions);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    /// <summary>A message (or a card's submit, with <paramref name="value"/>) from someone in their own chat with the bot.</summary>
    public async Task SayAsAsync((string Id, string Name) from, string text, System.Text.Json.Nodes.JsonObject? value = null)
    {
        using var http = new HttpClient();
        using var request = ChannelRequests.TeamsPersonal(Url, Connector.Url + "/", from.Id, from.Name, "a:personal-" + from.Id[3..], text,
            "console-" + Interlocked.Increment(ref _activities), value);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    /// <summary>The data of the newest card button named <paramref name="action"/> the bot sent to the connector, waiting up to 10 s.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> CardActionAsync(string action)
    {
        for (var i = 0; i < 100; i++, await Task.Delay(100))
        {
            var found = Connector.LogEntries.Reverse().Select(e => e.RequestMessage?.Body).OfType<string>()
                .SelectMany(body => System.Text.Json.Nodes.JsonNode.Parse(body)?["attachments"]?.AsArray() ?? [])
                .SelectMany(a => a?["content"]?["actions"]?.AsArray() ?? [])
                .Select(a => a?["data"] as System.Text.Json.Nodes.JsonObject).FirstOrDefault(d => d?["action"]?.GetValue<string>() == action);
            if (found is not null) return (System.Text.Json.Nodes.JsonObject)found.DeepClone();
        }
        throw new TimeoutException($"No card with the action {action} reached the connector.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
