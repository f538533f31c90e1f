using WellnessBot.Bot.Cards;
using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Bot.Slack;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Resources;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Slack;

/// <summary>
/// Every card the bot sends, rendered to Block Kit and compared with reviewed golden files in Slack/golden
/// (UPDATE_GOLDEN=1 ./test.sh --filter BlockKit to accept a deliberate change), and held to Slack's limits.
/// </summary>
public sealed class BlockKitTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly UserRef Ana = new("slack", "U0ANA", "Ana Resident"), Ben = new("slack", "U0BEN", "Ben <script> & Co");
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private static KudosRecord Kudos(int n, string message = "Thanks for covering my pager at 3am") => new()
    {
        Id = "k" + n, Month = new Month(2026, 11), Giver = Ana, Recipients = [Ben], Message = message, Category = KudosCategory.Teamwork, GivenAt = Now.AddMinutes(n),
    };

    private static readonly SupportRequest Request = new()
    {
        Id = "5eed5eed0000000000000007", Tier = SupportTier.PeerSupporter, Urgent = true, CreatedAt = Now, Status = SupportStatus.Accepted,
        Details = new SupportDetails { RequesterName = "Ana Resident", Note = "Hard night <@U0EVIL>.", ContactBy = "phone", ContactWhen = "after 5pm" },
    };

    private static ResourceCatalog Catalog => CatalogReader.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Bot", "catalog", "resources.json")), "resources.json");

    public static TheoryData<string> Messages => new()
    {
        "help", "welcome", "kudos-form", "kudos-confirmation", "kudos-edit", "kudos-mine", "digest-breakfast", "support-details", "kudos-note", "kudos-shout-out", "crisis-help", "digest-channel", "support-form",
        "support-confirmation", "support-offer", "support-escalation", "resources-menu", "resource", "resource-ask-office", "resources-none", "plain-text",
        "crisis-fallback", "kudos-check-wording", "kudos-on-hold",
    };

    private static BotMessage Build(string name) => name switch
    {
        "help" => BotMessage.Show(HelpDialog.Build(new RouteTable(BotRoutes.All), supporter: true, coordinator: true)),
        "welcome" => WelcomeMessage.Build(new ProgramSettings()),
        "kudos-form" => BotMessage.Show(KudosCards.Form("draft-7", Now, "Thanks!", KudosCategory.Teaching)),
        "kudos-confirmation" => BotMessage.Show(KudosCards.Confirmation(Kudos(1), repeat: false)),
        "kudos-note" => KudosCards.RecipientNote(Kudos(1)),
        "kudos-edit" => BotMessage.Show(KudosCards.Edit(Kudos(1), problem: new FormProblem(KudosCards.MessageInput, "Your message is 612 characters; the limit is 500."))),
        "kudos-mine" => BotMessage.Show(KudosCards.Mine(new Month(2026, 11), [Kudos(1)], [Kudos(2, "Thanks for the pizza")])),
        "digest-breakfast" => MonthlyDigest.Compile(new Month(2026, 11), [Kudos(1), Kudos(2)]).ForBreakfast(late: true)[0],
        "support-details" => BotMessage.Show(SupportCards.Details(Request, viewerIsCoordinator: false)),
        "kudos-shout-out" => KudosCards.ChannelShoutOut(Kudos(1, "You're a <!channel> star & more")),
        "crisis-help" => WellnessBot.Dialogs.Safety.SafetyReplies.Crisis(WellnessBot.Dialogs.Features.SupportDialog.ReachOutNowAction, "draft-1"),
        "digest-channel" => MonthlyDigest.Compile(new Month(2026, 11), [Kudos(1), Kudos(2)]).ForChannel(late: false)[0],
        "support-form" => BotMessage.Show(SupportCards.Form("draft-7")),
        "support-confirmation" => BotMessage.Show(SupportCards.Confirmation(Request, new SupportSettings())),
        "support-offer" => BotMessage.Show(SupportCards.Offer(Request, Request.Details!, new SupportSettings(), WellnessBot.Dialogs.Resources.SupporterGuide.Default)),
        "support-escalation" => BotMessage.Show(SupportCards.Escalation(Request, Request.Details!, Ana)),
        "resources-menu" => BotMessage.Show(ResourceCards.Menu()),
        "resource" => BotMessage.Show(ResourceCards.For(Catalog.Resources.Single(r => r.Id == "crisis-988"), Catalog.Office, ["“hotline”"])),
        // The shipped catalog's WellConnect has only "TODO" contacts: the wellness office, and the next match.
        "resource-ask-office" => BotMessage.Show(ResourceCards.For(Catalog.Resources.Single(r => r.Id == "wellconnect"), Catalog.Office, ["“childcare”"],
            next: Catalog.Resources.Single(r => r.Id == "peers"))),
        "resources-none" => BotMessage.Show(ResourceCards.NoMatch("zebra <crossing>", Catalog.Office)),
        "plain-text" => BotMessage.Say("**Bold** and a [link](https://example.org) for <@U0EVIL> & friends"),
        "crisis-fallback" => WellnessBot.Dialogs.Safety.SafetyReplies.NeutralResources(),
        "kudos-check-wording" => BotMessage.Show(KudosCards.CheckWording("You got me through the night I wanted to die <!here>")),
        "kudos-on-hold" => BotMessage.Show(KudosCards.OnHold([Ana], Ana with { Id = "U0OTHER" })),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void MessagesRenderExactlyAsReviewed(string name)
    {
        var message = Build(name);
        var rendered = new JsonObject { ["messages"] = new JsonArray(BlockKitRenderer.Render(message).Select(m => (JsonNode)m.ToPayload()).ToArray()) };
        if (message.Card?.Body.OfType<CardInput>().Any() == true) rendered["modal"] = BlockKitRenderer.Modal(message.Card);
        var actual = rendered.ToJsonString(Indented) + "\n";
        var path = Path.Combine(RepoPaths.Root, "tests", "WellnessBot.Tests", "Slack", "golden", name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 once and review it.");
        Assert.Equal(File.ReadAllText(path), actual);
        AssertWithinLimits(rendered);
    }

    [Theory]
    [InlineData("slack-home")]
    [InlineData("slack-too-slow")]
    public void ViewsRenderExactlyAsReviewed(string name)
    {
        var view = name switch
        {
            // A kudos whose text tries a mention and a link: escaped in the App Home as everywhere else.
            "slack-home" => BlockKitRenderer.Home(new SlackHome(null!, null!, new ProgramSettings(), TimeProvider.System)
                .View(new Month(2026, 11), [Kudos(1), Kudos(2, "Thanks <!channel> for <https://evil.example|this>")])),
            _ => BlockKitRenderer.Notice(new Card("slack-too-slow") { Title = "One moment", Body = [new TextBlock("Press **Back** and submit again.")] }, close: "Back"),
        };
        var actual = view.ToJsonString(Indented) + "\n";
        var path = Path.Combine(RepoPaths.Root, "tests", "WellnessBot.Tests", "Slack", "golden", name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 once and review it.");
        Assert.Equal(File.ReadAllText(path), actual);
        Assert.DoesNotContain("<!channel>", actual, StringComparison.Ordinal);
    }

    [Fact]
    public void UserTextCannotInjectMentionsOrLinks()
    {
        var json = BlockKitRenderer.Render(Build("kudos-shout-out"))[0].ToPayload().ToJsonString(Indented);
        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", json, StringComparison.Ordinal);
        var offer = BlockKitRenderer.Render(Build("support-offer"))[0].ToPayload().ToJsonString(Indented);
        Assert.DoesNotContain("<@U0EVIL>", offer, StringComparison.Ordinal);
    }

    [Fact]
    public void RealMentionsBecomeSlackMentions()
    {
        var note = BlockKitRenderer.Render(KudosCards.RecipientNote(Kudos(1)))[0].ToPayload().ToJsonString(Indented);
        Assert.Contains("<@U0ANA>", note, StringComparison.Ordinal);
    }

    [Fact]
    public void LongContentBecomesSeveralMessagesNeverCut()
    {
        var many = Enumerable.Range(0, 400).Select(i => Kudos(i, new string('w', 200) + " " + i)).ToList();
        var digest = MonthlyDigest.Compile(new Month(2026, 11), many);
        var text = string.Join("\n\n", Enumerable.Range(0, 300).Select(i => $"Paragraph {i}: " + new string('x', 120)));
        foreach (var message in digest.ForChannel(false).Concat(digest.ForBreakfast(false)).Append(BotMessage.Say(text)))
        {
            var parts = BlockKitRenderer.Render(message);
            foreach (var part in parts) AssertWithinLimits(new JsonObject { ["messages"] = new JsonArray(part.ToPayload()) });
            if (message.Text == text)
            {
                Assert.True(parts.Count >= 1);
                var all = string.Concat(parts.SelectMany(p => p.Blocks!).Select(b => b!["text"]!["text"]!.GetValue<string>()));
                Assert.Equal(text.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), all.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
            }
        }
        var blocks = Enumerable.Range(0, 80).Select(i => (CardElement)new TextBlock("line " + i)).ToList();
        var split = BlockKitRenderer.Render(BotMessage.Show(new Card("long") { Body = blocks }));
        Assert.Equal(2, split.Count);
        Assert.Equal(80, split.Sum(m => m.Blocks!.Count)); // every line, none dropped
    }

    [Fact]
    public void AModalSubmissionReadsBackAsTheFormTheDialogExpects()
    {
        var modal = BlockKitRenderer.Modal(SupportCards.Form("draft-9"));
        modal["state"] = JsonNode.Parse("""
            { "values": {
                "tier": { "tier": { "type": "radio_buttons", "selected_option": { "value": "expedited" } } },
                "note": { "note": { "type": "plain_text_input", "value": "rough week" } },
                "urgent": { "urgent": { "type": "checkboxes", "selected_options": [ { "value": "true" } ] } },
                "contactBy": { "contactBy": { "type": "radio_buttons", "selected_option": { "value": "phone" } } } } }
            """);
        var form = BlockKitRenderer.ReadSubmission(modal);
        Assert.Equal(SupportDialog.SubmitAction, form.ActionId);
        Assert.Equal(("draft-9", "expedited", "rough week", "true", "phone"),
            (form.Value("draft"), form.Value("tier"), form.Value("note"), form.Value("urgent"), form.Value("contactBy")));
    }

    /// <summary>Slack's documented limits for messages and modals.</summary>
    private static void AssertWithinLimits(JsonObject rendered)
    {
        foreach (var message in rendered["messages"]!.AsArray())
        {
            Assert.InRange(message!["blocks"]!.AsArray().Count, 1, BlockKitRenderer.MaxBlocksPerMessage);
            Assert.InRange(message["text"]!.GetValue<string>().Length, 1, BlockKitRenderer.MaxText);
            CheckBlocks(message["blocks"]!.AsArray());
        }
        if (rendered["modal"] is JsonObject modal)
        {
            Assert.InRange(modal["blocks"]!.AsArray().Count, 1, BlockKitRenderer.MaxBlocksPerModal);
            Assert.InRange(modal["title"]!["text"]!.GetValue<string>().Length, 1, BlockKitRenderer.MaxViewTitle);
            Assert.InRange(modal["private_metadata"]!.GetValue<string>().Length, 0, BlockKitRenderer.MaxPrivateMetadata);
            CheckBlocks(modal["blocks"]!.AsArray());
        }
    }

    private static void CheckBlocks(JsonArray blocks)
    {
        foreach (var block in blocks.Select(b => b!.AsObject()))
        {
            switch (block["type"]!.GetValue<string>())
            {
                case "section" when block["fields"] is JsonArray fields:
                    Assert.InRange(fields.Count, 1, BlockKitRenderer.MaxFields);
                    Assert.All(fields, f => Assert.InRange(f!["text"]!.GetValue<string>().Length, 1, BlockKitRenderer.MaxFieldText));
                    break;
                case "section":
                    Assert.InRange(block["text"]!["text"]!.GetValue<string>().Length, 1, BlockKitRenderer.MaxText);
                    break;
                case "header":
                    Assert.InRange(block["text"]!["text"]!.GetValue<string>().Length, 1, BlockKitRenderer.MaxHeader);
                    break;
                case "actions":
                    var elements = block["elements"]!.AsArray();
                    Assert.InRange(elements.Count, 1, BlockKitRenderer.MaxActions);
                    Assert.Equal(elements.Count, elements.Select(e => e!["action_id"]!.GetValue<string>()).Distinct().Count());
                    foreach (var e in elements)
                    {
                        Assert.InRange(e!["text"]!["text"]!.GetValue<string>().Length, 1, BlockKitRenderer.MaxButtonText);
                        Assert.InRange(e["action_id"]!.GetValue<string>().Length, 1, BlockKitRenderer.MaxActionId);
                    }
                    break;
                case "context":
                    Assert.All(block["elements"]!.AsArray(), e => Assert.InRange(e!["text"]!.GetValue<string>().Length, 1, BlockKitRenderer.MaxText));
                    break;
                case "input":
                    Assert.InRange(block["block_id"]!.GetValue<string>().Length, 1, BlockKitRenderer.MaxActionId);
                    break;
                default:
                    Assert.Fail("Unexpected block type " + block["type"]);
                    break;
            }
        }
    }
}
