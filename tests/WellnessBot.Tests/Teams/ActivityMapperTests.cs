using System.Text.Json;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Tests.Teams;

public sealed class ActivityMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private static Activity Parse(object shape) => JsonSerializer.Deserialize<Activity>(JsonSerializer.Serialize(shape))!;

    [Fact]
    public void ColleaguesMentionedInAChannelBecomeTheTurnsMentionsAndTheBotIsDropped()
    {
        var turn = ActivityMapper.ToTurn(Parse(TeamsActivities.ChannelMention("https://smba.test/",
            "kudos <at>Ben Resident</at> and <at>Chen &amp; Co</at> for covering nights", ("29:resident-ben", "Ben Resident"), ("29:fellow-chen", "Chen &amp; Co"))), At);

        Assert.NotNull(turn);
        Assert.Equal("kudos @Ben Resident and @Chen & Co for covering nights", turn.Text);
        Assert.Equal(["29:resident-ben", "29:fellow-chen"], turn.Mentions.Select(m => m.Id));
        Assert.Equal("Chen & Co", turn.Mentions[1].Name);
        Assert.Equal(ConversationKind.Channel, turn.Conversation.Kind);
        Assert.Equal(TeamsActivities.Tenant, turn.Conversation.TenantId);
        Assert.Equal(("msteams", "0a0a0a0a-0000-4000-8000-000000000001"), (turn.From.Channel, turn.From.AadObjectId));
    }

    [Fact]
    public void AChannelTeamOrTagMentionIsNeverAPersonAndAKudosNamingOneIsAnsweredPrivately()
    {
        var shape = JsonSerializer.SerializeToNode(TeamsActivities.ChannelMention("https://smba.test/",
            "kudos <at>General</at> <at>Night float</at> and <at>Ben Resident</at> thanks all", ("19:program-general@thread.tacv2", "General"), ("MmE2NzE0=", "Night float"),
            ("29:resident-ben", "Ben Resident")))!;
        shape["entities"]![2]!["mentioned"]!["type"] = "tag";
        var turn = ActivityMapper.ToTurn(Parse(shape), At)!;

        Assert.Equal(["29:resident-ben"], turn.Mentions.Select(m => m.Id)); // never mentioned back in a shout-out
        Assert.Equal("kudos @General @Night float and @Ben Resident thanks all", turn.Text);
        Assert.Equal(ActivityMapper.MassMentionProblem, turn.EdgeProblem);

        var help = ActivityMapper.ToTurn(Parse(TeamsActivities.ChannelMention("https://smba.test/", "help <at>General</at>", ("19:program-general@thread.tacv2", "General"))), At)!;
        Assert.Null(help.EdgeProblem); // only a kudos is refused for it
        Assert.Empty(help.Mentions);
    }

    [Fact]
    public void AtTagsWithoutAMentionEntityAreNotTrustedAsMentions()
    {
        var turn = ActivityMapper.ToTurn(Parse(TeamsActivities.Personal("https://smba.test/", "kudos <at>Someone</at> great job")), At);
        Assert.Equal("kudos @Someone great job", turn!.Text);
        Assert.Empty(turn.Mentions);
    }

    [Fact]
    public void AnActionSubmitBecomesAFormSubmission()
    {
        var activity = Parse(TeamsActivities.Personal("https://smba.test/", ""));
        activity.Value = JsonDocument.Parse("""{"action":"kudos.submit","message":"thanks!","recipients":"aad-1,aad-2","anonymous":true,"count":3}""").RootElement;

        var turn = ActivityMapper.ToTurn(activity, At);

        Assert.Equal("kudos.submit", turn!.Submission!.ActionId);
        Assert.Equal("thanks!", turn.Submission.Value("message"));
        Assert.Equal("aad-1,aad-2", turn.Submission.Value("recipients"));
        Assert.Equal("true", turn.Submission.Value("anonymous"));
        Assert.Equal("3", turn.Submission.Value("count"));
    }

    [Theory]
    [InlineData("personal", null, ConversationKind.Direct)]
    [InlineData("groupChat", true, ConversationKind.Group)]
    [InlineData("channel", true, ConversationKind.Channel)]
    [InlineData(null, true, ConversationKind.Group)]
    [InlineData(null, null, ConversationKind.Direct)]
    public void ConversationKindsFollowTeams(string? type, bool? isGroup, ConversationKind expected) =>
        Assert.Equal(expected, ActivityMapper.KindOf(new ConversationAccount { ConversationType = type, IsGroup = isGroup }));

    [Fact]
    public void EmptyMessagesAndUnknownTypesAreNotTurns()
    {
        Assert.Null(ActivityMapper.ToTurn(Parse(TeamsActivities.Personal("https://smba.test/", "   ")), At));
        var typing = Parse(TeamsActivities.Personal("https://smba.test/", "x"));
        typing.Type = "typing";
        Assert.Null(ActivityMapper.ToTurn(typing, At));
    }
}
