using WellnessBot.Bot.Cards;
using System.Text.Json.Nodes;
using WellnessBot.Bot.Slack;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Tests.Slack;

/// <summary>Slack requests as turns, without a host: the mapper is pure, like the Teams one.</summary>
public sealed class SlackTurnMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly UserRef Bot = new("slack", "UBOT", "WellnessBot");

    private static SlackLookups Lookups(string? dm = null, params (string Id, string? Name)[] names) => new()
    {
        Bot = Bot, SenderName = "Ana Resident", DirectChannelId = dm,
        Names = names.ToDictionary(n => n.Id, n => n.Name),
    };

    private static Dictionary<string, string> Command(string command, string text, string channel = "C0PROGRAM", string channelName = "wellness") => new()
    {
        ["command"] = command, ["text"] = text, ["user_id"] = "UANA", ["user_name"] = "ana", ["channel_id"] = channel,
        ["channel_name"] = channelName, ["team_id"] = "T1", ["trigger_id"] = "trig-1", ["response_url"] = "https://hooks.slack.test/r",
    };

    [Fact]
    public void AKudosCommandIsTheSameWordsAsInTeamsWithItsPeople()
    {
        var turn = SlackTurnMapper.Command(Command("/kudos", "<@UBEN|ben> &amp; <@UCHEN> thanks for the 3am admit &lt;3"), Lookups(names: ("UCHEN", "Chen Fellow")), At);

        Assert.Equal("kudos @ben & @Chen Fellow thanks for the 3am admit <3", turn.Text);
        Assert.Equal(["UBEN", "UCHEN"], turn.Mentions.Select(m => m.Id));
        Assert.Equal(new ConversationRef("slack", "C0PROGRAM", ConversationKind.Channel, "T1"), turn.Conversation);
        Assert.Equal(At, turn.ReceivedAt);
        Assert.Equal("cmd:trig-1", turn.ActivityId);
        Assert.Null(turn.EdgeProblem);
    }

    [Theory]
    [InlineData("/wellness", "digest post", "digest post")]
    [InlineData("/support", "", "support")]
    [InlineData("/RESOURCES", "childcare", "resources childcare")]
    public void EachSlashCommandStandsForItsWords(string command, string text, string expected) =>
        Assert.Equal(expected, SlackTurnMapper.Command(Command(command, text), Lookups(), At).Text);

    [Fact]
    public void ACommandInSomeoneElsesDmIsAnsweredInTheSendersOwnDm()
    {
        var turn = SlackTurnMapper.Command(Command("/kudos", "me", channel: "D0OTHER", channelName: "directmessage"), Lookups(dm: "D0ANA"), At);
        Assert.Equal(new ConversationRef("slack", "D0ANA", ConversationKind.Direct, "T1"), turn.Conversation);
    }

    [Fact]
    public void BroadcastsAndPeopleNobodyKnowsAreProblemsNotPeople()
    {
        var here = SlackTurnMapper.Command(Command("/kudos", "<!here> thanks all"), Lookups(), At);
        Assert.Contains("@here, @channel and groups", here.EdgeProblem);

        var ghost = SlackTurnMapper.Command(Command("/kudos", "<@UGONE> thanks"), Lookups(names: ("UGONE", null)), At);
        Assert.Empty(ghost.Mentions);
        Assert.Contains("couldn't find one person", ghost.EdgeProblem);
        Assert.Equal(["UGONE"], SlackTurnMapper.UnnamedMentions("<@UGONE> and <@UBEN|ben>"));
    }

    private static JsonObject Event(object e) => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new { type = "event_callback", team_id = "T1", event_id = "Ev1", @event = e }))!.AsObject();

    [Fact]
    public void AMentionOfTheBotIsStrippedAndADmIsPrivate()
    {
        var mention = SlackTurnMapper.Message(Event(new { type = "app_mention", user = "UANA", channel = "C0PROGRAM", text = "<@UBOT> kudos <@UBEN> thanks" }), Lookups(names: ("UBEN", "Ben")), At)!;
        Assert.Equal("kudos @Ben thanks", mention.Text);
        Assert.Equal(ConversationKind.Channel, mention.Conversation.Kind);
        Assert.Equal(("Ev1", "Ana Resident"), (mention.ActivityId, mention.From.Name));

        var dm = SlackTurnMapper.Message(Event(new { type = "message", channel_type = "im", user = "UANA", channel = "D0ANA", text = "im not ok" }), Lookups(), At)!;
        Assert.Equal(ConversationKind.Direct, dm.Conversation.Kind);
        Assert.Equal("im not ok", dm.Text);
    }

    [Fact]
    public void TheBotsOwnPostsEditsAndChannelChatterAreNotTurns()
    {
        Assert.Null(SlackTurnMapper.Message(Event(new { type = "message", channel_type = "im", user = "UBOT", bot_id = "B1", channel = "D0ANA", text = "hi" }), Lookups(), At));
        Assert.Null(SlackTurnMapper.Message(Event(new { type = "message", channel_type = "im", user = "UANA", subtype = "message_changed", channel = "D0ANA" }), Lookups(), At));
        Assert.Null(SlackTurnMapper.Message(Event(new { type = "message", channel_type = "channel", user = "UANA", channel = "C0PROGRAM", text = "lunch?" }), Lookups(), At));
    }

    private static JsonObject Click(string actionId, string? value, string? channel = "C0PROGRAM") => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new
    {
        type = "block_actions", user = new { id = "UANA", name = "ana" }, team = new { id = "T1" }, trigger_id = "trig-2",
        channel = channel is null ? null : new { id = channel },
        actions = new[] { new { action_id = actionId, value, action_ts = "171.2" } },
    }))!.AsObject();

    [Fact]
    public void AButtonIsItsDialogsActionWithItsData()
    {
        var turn = SlackTurnMapper.BlockAction(Click("kudos.withdraw#1", "{\"id\":\"k1\",\"month\":\"2026-11\"}"), Lookups(), At)!;
        Assert.Equal("kudos.withdraw", turn.Submission!.ActionId);
        Assert.Equal("k1", turn.Submission.Value("id"));
        Assert.Equal("171.2", turn.ActivityId);

        var forged = SlackTurnMapper.BlockAction(Click("kudos.withdraw#1", "not json"), Lookups(), At)!;
        Assert.Empty(forged.Submission!.Values);
    }

    [Fact]
    public void AppHomeButtonsAreTheirWordsAndLinksAreNothing()
    {
        var home = SlackTurnMapper.BlockAction(Click(SlackHome.SupportAction, null, channel: null), Lookups(dm: "D0ANA"), At)!;
        Assert.Equal("support", home.Text);
        Assert.Equal(new ConversationRef("slack", "D0ANA", ConversationKind.Direct, "T1"), home.Conversation);

        Assert.Null(SlackTurnMapper.BlockAction(Click(BlockKitRenderer.LinkActionPrefix + "#0", null), Lookups(), At));
        Assert.Null(SlackTurnMapper.BlockAction(Click(BlockKitRenderer.OpenFormAction, "form-1"), Lookups(), At));
    }

    [Fact]
    public void AModalSubmissionIsAFormAnsweredInTheSendersDm()
    {
        var payload = JsonNode.Parse("""
            {"type":"view_submission","user":{"id":"UANA"},"team":{"id":"T1"},
             "view":{"id":"V1","callback_id":"kudos.submit","private_metadata":"{\"action\":\"kudos.submit\",\"draft\":\"d1\"}",
                     "state":{"values":{"message":{"message":{"type":"plain_text_input","value":"thanks for the handoff"}},
                                        "recipients":{"recipients":{"type":"multi_users_select","selected_users":["UBEN","UCHEN"]}}}}}}
            """)!.AsObject();

        var turn = SlackTurnMapper.ViewSubmission(payload, Lookups(dm: "D0ANA"), At)!;

        Assert.Equal("kudos.submit", turn.Submission!.ActionId);
        Assert.Equal(("d1", "thanks for the handoff", "UBEN,UCHEN"), (turn.Submission.Value("draft"), turn.Submission.Value("message"), turn.Submission.Value("recipients")));
        Assert.Equal(new ConversationRef("slack", "D0ANA", ConversationKind.Direct, "T1"), turn.Conversation);
        Assert.Equal("Ana Resident", turn.From.Name);
    }
}
