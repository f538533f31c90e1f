using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Bot.Cards;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Tests.Cards;

/// <summary>
/// Every card rendered to Adaptive Card JSON and compared with a reviewed golden file in Cards/golden.
/// To accept a deliberate change: UPDATE_GOLDEN=1 ./test.sh --filter AdaptiveCardGolden, then review the diff.
/// </summary>
public sealed class AdaptiveCardGoldenTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Cards => new() { "help-resident", "help-supporter", "help-coordinator", "welcome", "every-element", "support-form", "support-offer", "crisis-help", "kudos-check-wording" };

    private static Card Build(string name) => name switch
    {
        "help-resident" => HelpDialog.Build(new RouteTable(BotRoutes.All), supporter: false, coordinator: false),
        "help-supporter" => HelpDialog.Build(new RouteTable(BotRoutes.All), supporter: true, coordinator: false),
        "help-coordinator" => HelpDialog.Build(new RouteTable(BotRoutes.All), supporter: false, coordinator: true),
        "welcome" => WelcomeMessage.Build(new ProgramSettings()).Card!,
        "every-element" => new Card("sample")
        {
            Title = "Give kudos",
            Summary = "Kudos form",
            Body =
            [
                new TextBlock("Who made your day better?", TextStyle.Heading),
                new PeoplePicker("recipients", "Colleagues") { Required = true, ErrorMessage = "Pick at least one colleague." },
                new TextInput("message", "Message") { Multiline = true, MaxLength = 500, Placeholder = "Thanks for…" },
                new ChoiceInput("category", "Category", [new Choice("Teamwork", "teamwork"), new Choice("Teaching", "teaching")]) { Compact = true, Value = "teamwork" },
                new ToggleInput("anonymous", "Anonymous in the digest"),
                new FactSet([new Fact("Limit", "500 characters")]),
                new TextBlock("Shown at the monthly breakfast.", TextStyle.Subtle),
                new TextBlock("Careful!", TextStyle.Attention),
            ],
            Actions =
            [
                new SubmitAction("Send", "kudos.submit") { Style = ActionStyle.Positive, Data = new Dictionary<string, string> { ["draft"] = "7" } },
                new SubmitAction("Withdraw", "kudos.withdraw") { Style = ActionStyle.Destructive },
                new OpenUrlAction("Call 988", new Uri("tel:988")),
            ],
        },
        "support-form" => WellnessBot.Dialogs.Support.SupportCards.Form("draft-7"),
        "support-offer" => WellnessBot.Dialogs.Support.SupportCards.Offer(
            new WellnessBot.Dialogs.Support.SupportRequest
            {
                Id = "5eed5eed0000000000000007", Tier = WellnessBot.Dialogs.Support.SupportTier.PeerSupporter, Urgent = true,
                CreatedAt = new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero),
            },
            new WellnessBot.Dialogs.Support.SupportDetails { RequesterName = "Ana Resident", Note = "Hard night.", ContactBy = "phone", ContactWhen = "after 5pm", Department = "Surgery" },
            new WellnessBot.Dialogs.Support.SupportSettings(), WellnessBot.Dialogs.Resources.SupporterGuide.Default),
        "crisis-help" => WellnessBot.Dialogs.Safety.SafetyReplies.Crisis(WellnessBot.Dialogs.Features.SupportDialog.ReachOutNowAction, "draft-1").Card!,
        "kudos-check-wording" => WellnessBot.Dialogs.Kudos.KudosCards.CheckWording("You got me through the night I wanted to die"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cards))]
    public void CardsRenderExactlyAsReviewed(string name)
    {
        var actual = AdaptiveCardRenderer.Render(Build(name)).ToJsonString(Indented) + "\n";
        var path = Path.Combine(RepoPaths.Root, "tests", "WellnessBot.Tests", "Cards", "golden", name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 once and review it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void CardsUseOnlyAdaptiveCard15FeaturesTeamsSupports(string name)
    {
        var card = AdaptiveCardRenderer.Render(Build(name));
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        string[] allowedElements = ["TextBlock", "FactSet", "Input.Text", "Input.ChoiceSet", "Input.Toggle"];
        string[] allowedActions = ["Action.Submit", "Action.OpenUrl"];
        foreach (var element in card["body"]!.AsArray())
            Assert.Contains(element!["type"]!.GetValue<string>(), allowedElements);
        foreach (var action in card["actions"]?.AsArray() ?? [])
        {
            Assert.Contains(action!["type"]!.GetValue<string>(), allowedActions);
            if (action["type"]!.GetValue<string>() == "Action.Submit")
                Assert.False(string.IsNullOrEmpty(action["data"]?["action"]?.GetValue<string>()), "every submit carries its action id");
        }
    }

    [Fact]
    public void MentionsBecomeAtTagsWithMatchingEntities()
    {
        var message = new BotMessage
        {
            Text = $"{BotMessage.MentionToken(0)} recognised {BotMessage.MentionToken(1)}: thanks!",
            Mentions = [new UserRef("msteams", "29:ana", "Ana <Resident>"), new UserRef("msteams", "29:ben", "Ben")],
        };

        var activity = OutgoingActivity.From(message);

        Assert.Equal("<at>Ana &lt;Resident&gt;</at> recognised <at>Ben</at>: thanks!", activity["text"]!.GetValue<string>());
        var entities = activity["entities"]!.AsArray();
        Assert.Equal(2, entities.Count);
        foreach (var entity in entities)
            Assert.Contains(entity!["text"]!.GetValue<string>(), activity["text"]!.GetValue<string>());
        Assert.Equal("29:ben", entities[1]!["mentioned"]!["id"]!.GetValue<string>());
    }
}
