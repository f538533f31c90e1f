using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Dialogs;

public sealed class DialogEngineTests : IAsyncLifetime
{
    private readonly SurveyDialog _survey = new();
    private TestChat _chat = null!;

    public async Task InitializeAsync()
    {
        _chat = new TestChat([new Route("survey", typeof(SurveyDialog))], services => services.AddSingleton(_survey));
        await _chat.InitializeAsync();
    }

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task AMultiTurnDialogKeepsItsStateBetweenTurns()
    {
        (await _chat.As(Ana).Send("survey")).ExpectText("What's your name?");
        (await _chat.As(Ana).Send("Ana")).ExpectText("Thanks Ana. Favourite colour?");
        (await _chat.As(Ana).Send("teal")).ExpectText("Done: Ana likes teal.");
        (await _chat.As(Ana).Send("teal")).ExpectText("didn't understand"); // finished: the next message is a new intent
    }

    [Fact]
    public async Task DialogStateSurvivesARestart()
    {
        await _chat.As(Ana).Send("survey");
        await _chat.As(Ana).Send("Ana");
        await _chat.RestartAsync();
        (await _chat.As(Ana).Send("green")).ExpectText("Done: Ana likes green.");
    }

    [Fact]
    public async Task EachPersonAndConversationHasItsOwnDialog()
    {
        await _chat.As(Ana).Send("survey");
        await _chat.As(Ben).Send("survey");
        (await _chat.As(Ben).Send("Ben")).ExpectText("Thanks Ben.");
        (await _chat.As(Ana).Send("Ana")).ExpectText("Thanks Ana.");
        (await _chat.As(Ana).In(WellnessChannel).Send("Ana")).ExpectText("didn't understand");
    }

    [Fact]
    public async Task CancelWorksAtAnyStepAndForgetsTheDialog()
    {
        await _chat.As(Ana).Send("survey");
        await _chat.As(Ana).Send("Ana");
        (await _chat.As(Ana).Send("cancel")).ExpectText("Cancelled");
        (await _chat.As(Ana).Send("blue")).ExpectText("didn't understand");
        (await _chat.As(Ana).Send("/cancel")).ExpectText("nothing in progress");
    }

    [Fact]
    public async Task HelpMidDialogShowsHelpAndKeepsTheDialog()
    {
        await _chat.As(Ana).Send("survey");
        var help = await _chat.As(Ana).Send("help");
        help.ExpectCard(WellnessBot.Dialogs.Features.HelpDialog.CardKind);
        help.ExpectText("partway through");
        (await _chat.As(Ana).Send("Ana")).ExpectText("Thanks Ana.");
    }

    [Fact]
    public async Task AbandonedDialogsExpire()
    {
        await _chat.As(Ana).Send("survey");
        _chat.Clock.Advance(TimeSpan.FromMinutes(_chat.Program.DialogExpiryMinutes + 1));
        (await _chat.As(Ana).Send("Ana")).ExpectText("didn't understand");
    }

    [Fact]
    public async Task StateFromAnOlderVersionRestartsPolitely()
    {
        await _chat.As(Ana).Send("survey");
        _survey.StateVersion = 2; // the bot was upgraded and the state's shape changed
        (await _chat.As(Ana).Send("Ana")).ExpectText("start again");
        (await _chat.As(Ana).Send("survey")).ExpectText("What's your name?");
    }

    [Fact]
    public async Task TwoRacingMessagesDoNotOverwriteEachOther()
    {
        await _chat.As(Ana).Send("survey");
        var states = _chat.Services.GetRequiredService<DialogStateStore>();
        var first = await states.LoadAsync(DirectWith(Ana), Ana, default);
        Assert.NotNull(first);

        // Another instance moves the dialog on between this turn's read and its write.
        Assert.True(await states.SaveAsync(DirectWith(Ana), Ana, "survey", 1, "{\"step\":2,\"name\":\"Other\"}", TimeSpan.FromHours(1), first, default));
        Assert.False(await states.SaveAsync(DirectWith(Ana), Ana, "survey", 1, "{\"step\":2,\"name\":\"Late\"}", TimeSpan.FromHours(1), first, default));

        (await _chat.As(Ana).Send("red")).ExpectText("Done: Other likes red.");
    }

    [Fact]
    public async Task ACardButtonReachesTheDialogNamedInItsActionId()
    {
        await _chat.As(Ana).Send("survey");
        (await _chat.As(Ana).Submit("survey.skip")).ExpectText("Skipped the survey.");
        (await _chat.As(Ana).Send("Ana")).ExpectText("didn't understand");
    }

    [Theory]
    [InlineData("kudos @Ben thanks for covering my pager")]
    [InlineData("/kudos @Ben thanks for covering my pager")]
    [InlineData("  KUDOS   @Ben thanks for covering my pager")]
    [InlineData("shout out @Ben thanks for covering my pager")]
    public void EveryWayOfSayingAnIntentReachesTheSameRoute(string text)
    {
        var match = new RouteTable(BotRoutes.All).Match(text);
        Assert.NotNull(match);
        Assert.Equal("kudos", match.Value.Route.Command);
        Assert.Equal("@Ben thanks for covering my pager", match.Value.Argument);
    }

    [Theory]
    [InlineData("I need to talk to someone", "support")]
    [InlineData("peer support please", "support")]
    [InlineData("/resources childcare", "resources")]
    [InlineData("hello", "help")]
    [InlineData("?", "help")]
    [InlineData("digest preview", "digest")]
    public void PhrasesRouteToTheirIntent(string text, string command) =>
        Assert.Equal(command, new RouteTable(BotRoutes.All).Match(text)?.Route.Command);

    [Fact]
    public async Task CoordinatorCommandsArePolitelyRefusedToOthersAndNeverShownThere()
    {
        (await _chat.As(Ana).In(WellnessChannel).Send("digest preview"))
            .ExpectNothingPublic()
            .ExpectPrivateText("for wellness program coordinators");
        (await _chat.As(Eli).Send("digest preview")).ExpectText("digest");

        var forResident = (await _chat.As(Ana).Send("help")).ExpectCard("help");
        var forCoordinator = (await _chat.As(Eli).Send("help")).ExpectCard("help");
        Assert.DoesNotContain(Facts(forResident), f => f.Title == "digest");
        Assert.Contains(Facts(forCoordinator), f => f.Title == "digest");
    }

    [Fact]
    public async Task TheHelpCardShowsEachPersonTheCommandsTheirRoleAllows()
    {
        await _chat.Services.GetRequiredService<WellnessBot.Dialogs.Support.PeerRoster>().AddAsync(Dana, "Surgery", default);

        var resident = HelpText((await _chat.As(Ana).Send("help")).ExpectCard("help"));
        var supporter = HelpText((await _chat.As(Dana).Send("help")).ExpectCard("help"));
        var coordinator = HelpText((await _chat.As(Eli).Send("help")).ExpectCard("help"));

        foreach (var everyone in new[] { "kudos", "support", "resources", "help" })
            foreach (var card in new[] { resident, supporter, coordinator }) Assert.Contains(everyone + ":", card, StringComparison.Ordinal);
        Assert.DoesNotContain("h3", resident, StringComparison.Ordinal);
        Assert.DoesNotContain("**available**", resident, StringComparison.Ordinal);
        Assert.DoesNotContain("digest", resident, StringComparison.Ordinal);
        Assert.DoesNotContain("resources status", resident, StringComparison.Ordinal);

        Assert.Contains("**available** / **away**", supporter, StringComparison.Ordinal);
        Assert.DoesNotContain("h3 roster", supporter, StringComparison.Ordinal);
        Assert.DoesNotContain("digest", supporter, StringComparison.Ordinal);

        Assert.Contains("h3 roster add", coordinator, StringComparison.Ordinal);
        Assert.Contains("digest:", coordinator, StringComparison.Ordinal);
        Assert.Contains("resources status:", coordinator, StringComparison.Ordinal);
        Assert.DoesNotContain("**available** / **away**", coordinator, StringComparison.Ordinal); // Eli is not on the roster
    }

    private static string HelpText(Card card) => string.Join("\n", Facts(card).Select(f => f.Title + ": " + f.Value));

    [Fact]
    public async Task TheWelcomeNamesTheServicesAndTheCrisisLine()
    {
        var card = (await _chat.As(Ana).Welcome()).ExpectCard("welcome");
        var text = string.Join("\n", card.Body.OfType<TextBlock>().Select(t => t.Text));
        Assert.Contains("988", text);
        Assert.Contains("911", text);
        Assert.Contains("not a crisis service", text);
        Assert.Contains(Facts(card), f => f.Title == "support");
    }

    [Fact]
    public async Task SupportAskedInAChannelIsAnsweredOnlyPrivately()
    {
        var reply = (await _chat.As(Ana).In(WellnessChannel).Send("I need to talk to someone")).ExpectNothingPublic();
        var form = reply.ExpectCard(WellnessBot.Dialogs.Support.SupportCards.FormKind);
        Assert.Contains(form.Body.OfType<TextBlock>(), t => t.Text.Contains("988", StringComparison.Ordinal));
        Assert.Single(reply.Private);
    }

    [Fact]
    public async Task AStoreOutageGetsAnApologyAndWritesNothing()
    {
        await using var broken = new TestChat(configure: services =>
            services.AddSingleton<ITableStore>(new WellnessBot.Storage.Sqlite.SqliteTableStore($"Data Source={Path.GetTempFileName()}/x/y.db")));
        (await broken.As(Ana).Send("help")).ExpectPrivateText("trouble reaching my storage");
    }

    private static IReadOnlyList<Fact> Facts(Card card) => card.Body.OfType<FactSet>().SelectMany(f => f.Facts).ToList();
}
