using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using WellnessBot.Bot.Hosting;

namespace WellnessBot.Tests.EndToEnd;

/// <summary>
/// Kudos with the Agents Playground as the Teams client and Bot Connector: installed in the team, the bot reads its
/// roster from the Playground's members API; a channel kudos reaches a colleague who never wrote to the bot, in a
/// 1:1 it creates; "Give kudos" on a colleague's message (a message extension invoke, which the Playground's API
/// carries) opens the dialog for them, and sending it gives the kudos and its shout-out in the channel.
/// What the Playground saw is read from its own events recording.
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndCollection.Name)]
public sealed class PlaygroundKudosEndToEndTests : IAsyncLifetime
{
    private const string Team = "19:program-general@thread.tacv2", Wellness = "19:program-wellness@thread.tacv2";
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-e2e-kudos-").FullName;
    private WebApplication _bot = null!;
    private PlaygroundProcess _playground = null!;
    private HttpClient _http = null!;

    private string Recording => Path.Combine(_folder, "recording.log");

    public async Task InitializeAsync()
    {
        _bot = WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development", "--Bot:AllowUnauthenticatedLocalClients=true", WellnessBot.Testing.TestSupportKey.Argument, $"--Storage:ConnectionString=Data Source={Path.Combine(_folder, "e2e.db")}"]);
        await _bot.StartAsync();
        _playground = await PlaygroundProcess.StartAsync(_bot.Urls.Single() + "/api/messages", Recording);
        _http = new HttpClient { BaseAddress = new Uri(_playground.Url) };
        (await _http.PostAsJsonAsync($"/_debug/conversation/{Uri.EscapeDataString(Team)}/installation", new { })).EnsureSuccessStatusCode();
        await SentAsync("the roster read", c => c.Method == "GET" && c.Path.Contains("/pagedmembers", StringComparison.Ordinal)); // installed in the team
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _playground.DisposeAsync();
        await _bot.StopAsync();
        await _bot.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task AChannelKudosReachesAColleagueWhoNeverWroteToTheBotInTheir1To1()
    {
        const string chen = "Chen Fellow (Cardiology)";
        var sent = await _http.PostAsJsonAsync($"/_conversation/v1/conversations/{Uri.EscapeDataString(Wellness)}/messages", new
        {
            text = $"<at>WellnessBot</at> kudos <at>{chen}</at> thanks for the echo teaching", textFormat = "plain", from = new { id = "29:resident-ana" },
            mentions = new object[]
            {
                new { mentioned = new { id = "28:wellnessbot-local", name = "WellnessBot" }, text = "<at>WellnessBot</at>" },
                new { mentioned = new { id = "29:fellow-chen", name = chen }, text = $"<at>{chen}</at>" },
            },
        });
        sent.EnsureSuccessStatusCode();

        var chat = await OneToOneCreatedAsync("29:fellow-chen");
        await SentAsync("the note in Chen's 1:1", c => c.Path.Contains(Uri.EscapeDataString(chat), StringComparison.Ordinal) && c.Text.Contains("recognised you", StringComparison.Ordinal));
        Assert.DoesNotContain(await OutgoingAsync(), c => c.Text.Contains("couldn't send", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GiveKudosOnAColleaguesMessageOpensTheDialogForThemAndSendingItShoutsOutInTheChannel()
    {
        var opened = await InvokeAsync("composeExtension/fetchTask", new
        {
            commandId = "giveKudos", commandContext = "message",
            messagePayload = new
            {
                id = "1769000000001", messageType = "message",
                from = new { user = new { id = "0a0a0a0a-0000-4000-8000-000000000006", displayName = "Fay Attending", userIdentityType = "aadUser" } },
                body = new { contentType = "html", content = "<p>stayed two hours after sign-out to teach us ultrasound</p>" },
            },
        });
        var card = FindCard(opened) ?? throw new Xunit.Sdk.XunitException("No dialog card in the invoke answer: " + opened.ToJsonString());
        Assert.Contains("Fay Attending", card.ToJsonString(), StringComparison.Ordinal);

        var data = card["actions"]![0]!["data"]!.DeepClone().AsObject();
        data["message"] = "the best ultrasound teaching of the year";
        await InvokeAsync("composeExtension/submitAction", new { commandId = "giveKudos", commandContext = "message", data });

        await SentAsync("the shout-out in the channel", c => c.Path.EndsWith($"/v3/conversations/{Uri.EscapeDataString(Wellness)}/activities", StringComparison.Ordinal)
            && c.Text.Contains("Kudos to <at>Fay Attending</at>", StringComparison.Ordinal) && c.Text.Contains("the best ultrasound teaching of the year", StringComparison.Ordinal));
        var chat = await OneToOneCreatedAsync("29:attending-fay"); // found through the roster by her Azure AD object id
        await SentAsync("the note in Fay's 1:1", c => c.Path.Contains(Uri.EscapeDataString(chat), StringComparison.Ordinal) && c.Text.Contains("recognised you", StringComparison.Ordinal));
    }

    private async Task<JsonNode> InvokeAsync(string name, object value)
    {
        var answer = await _http.PostAsJsonAsync("/_conversation/v1/invoke", new { name, value, conversation = new { id = Wellness }, from = new { id = "29:resident-ana" } });
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"{name}: {(int)answer.StatusCode} {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    /// <summary>The dialog's Adaptive Card, wherever the Playground put the bot's answer.</summary>
    private static JsonObject? FindCard(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "AdaptiveCard" => o,
        JsonObject o => o.Select(p => FindCard(p.Value)).FirstOrDefault(c => c is not null),
        JsonArray a => a.Select(FindCard).FirstOrDefault(c => c is not null),
        _ => null,
    };

    /// <summary>A call the bot made to the Playground's Bot Connector, as the Playground recorded it.</summary>
    private sealed record ConnectorCall(string Method, string Path, JsonNode? Body, string? ConversationId)
    {
        public string Text => Body?["text"]?.GetValue<string>() ?? "";
    }

    /// <summary>The 1:1 the bot created with <paramref name="member"/>: its conversation id, from the Playground's answer.</summary>
    private async Task<string> OneToOneCreatedAsync(string member)
    {
        var created = await SentAsync($"a 1:1 created with {member}", c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal)
            && c.Body?["members"]?[0]?["id"]?.GetValue<string>() == member && c.ConversationId is not null);
        return created.ConversationId!;
    }

    /// <summary>Waits (up to 30 s) for the bot to make a call that matches.</summary>
    private async Task<ConnectorCall> SentAsync(string what, Func<ConnectorCall, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if ((await OutgoingAsync()).FirstOrDefault(match) is { } call) return call;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"The Playground never saw {what}; the bot sent: " + string.Join("; ", (await OutgoingAsync()).Select(c => c.Method + " " + c.Path)));
    }

    /// <summary>The recording is JSON entries separated by "---" lines; the bot's calls go "User Application -> …".</summary>
    private async Task<List<ConnectorCall>> OutgoingAsync()
    {
        if (!File.Exists(Recording)) return [];
        var calls = new List<ConnectorCall>();
        foreach (var entry in (await ReadSharedAsync(Recording)).Split("\n---\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            JsonNode? node;
            try { node = JsonNode.Parse(entry); } catch (System.Text.Json.JsonException) { continue; } // one still being written
            if (node?["direction"]?.GetValue<string>()?.StartsWith("User Application", StringComparison.Ordinal) != true) continue;
            var request = node["request"];
            calls.Add(new ConnectorCall(request?["method"]?.GetValue<string>() ?? "", request?["path"]?.GetValue<string>() ?? request?["url"]?.GetValue<string>() ?? "",
                request?["body"], node["response"]?["body"]?["id"]?.GetValue<string>()));
        }
        return calls;
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
