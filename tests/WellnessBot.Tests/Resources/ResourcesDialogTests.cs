using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Resources;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Resources;

/// <summary>The finder in conversation: the menu, categories, questions in plain words, no match, crisis first, privacy.</summary>
public sealed class ResourcesDialogTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();

    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private static List<Card> Cards(Transcript t, string kind) => t.Private.Concat(t.Public).Select(m => m.Card).Where(c => c?.Kind == kind).Cast<Card>().ToList();

    [Fact]
    public async Task ResourcesAloneShowsTheCategoryMenu()
    {
        var menu = (await _chat.As(Ana).Send("/resources")).ExpectCard(ResourceCards.MenuKind);
        var choice = menu.Body.OfType<ChoiceInput>().Single();
        Assert.Equal(ResourceCatalog.Categories.Select(c => c.Id), choice.Choices.Select(c => c.Value));
        Assert.Equal(ResourcesDialog.CategoryAction, menu.Actions.OfType<SubmitAction>().Single().ActionId);
    }

    [Fact]
    public async Task PickingACategoryListsItsResources()
    {
        var reply = await _chat.As(Ana).Submit(ResourcesDialog.CategoryAction, (ResourceCards.CategoryInput, "childcare"));
        reply.ExpectText("**Childcare**");
        Assert.Equal(["WellConnect"], Cards(reply, ResourceCards.ResourceKind).Select(c => c.Title));
    }

    [Fact]
    public async Task AQuestionGetsTheBestFewEachWithWhyAndItsButtons()
    {
        var reply = await _chat.As(Ana).Send("resources suicide hotline");
        var cards = Cards(reply, ResourceCards.ResourceKind);
        Assert.InRange(cards.Count, 1, 3);
        var first = cards[0];
        Assert.Equal("988 Suicide & Crisis Lifeline", first.Title);
        Assert.Contains(first.Body.OfType<TextBlock>(), t => t.Text.StartsWith("Why this:", StringComparison.Ordinal));
        Assert.Contains(first.Actions.OfType<OpenUrlAction>(), a => a.Url.ToString() == "tel:988");
        Assert.Contains(first.Actions.OfType<OpenUrlAction>(), a => a.Url.ToString() == "https://988lifeline.org/");
    }

    [Fact]
    public async Task PlaceholdersAreNeverShownAsButtonsOrFacts()
    {
        var reply = await _chat.As(Ana).Send("resources childcare");
        var wellconnect = Cards(reply, ResourceCards.ResourceKind).First(c => c.Title == "WellConnect");
        Assert.Empty(wellconnect.Actions);
        Assert.DoesNotContain("TODO", System.Text.Json.JsonSerializer.Serialize(wellconnect.Body.OfType<FactSet>().SelectMany(f => f.Facts)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("money advice", "WellConnect")]
    [InlineData("someone to talk to", "WellConnect")]
    [InlineData("covid toolkit", "COVID-19 Well-Being Toolkit")]
    public async Task PlainWordsWithoutACommandAreAQuestionForTheFinder(string words, string expected)
    {
        var reply = await _chat.As(Ana).Send(words);
        Assert.Contains(expected, Cards(reply, ResourceCards.ResourceKind).Select(c => c.Title));
        Assert.DoesNotContain(reply.Private, m => m.Text?.Contains("didn't understand", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task BurnedOutGetsTheGentleOfferAndThenResources()
    {
        var reply = await _chat.As(Ana).Send("I'm burned out");
        Assert.Contains("That sounds like a lot to carry", reply.Private[0].Text, StringComparison.Ordinal);
        Assert.Equal("Office of Well-Being and Resilience", Cards(reply, ResourceCards.ResourceKind).First().Title);
    }

    [Fact]
    public async Task NoMatchSaysSoKindlyWithCategoriesAndTheWellnessOffice()
    {
        var reply = await _chat.As(Ana).Send("resources zebra crossing timetable");
        var none = reply.ExpectCard(ResourceCards.NoMatchKind);
        Assert.Contains("zebra crossing timetable", ((TextBlock)none.Body[0]).Text, StringComparison.Ordinal);
        Assert.NotEmpty(none.Body.OfType<ChoiceInput>().Single().Choices);
        Assert.Contains(none.Body.OfType<FactSet>().SelectMany(f => f.Facts), f => f.Title == "Office of Well-Being and Resilience");
    }

    [Fact]
    public async Task UnknownWordsWithoutACommandStillGetDidntUnderstand()
    {
        (await _chat.As(Ana).Send("xyzzy plugh")).ExpectPrivateText("didn't understand");
    }

    [Fact]
    public async Task CrisisWordsShowCrisisHelpFirst()
    {
        var reply = await _chat.As(Ana).Send("resources I want to kill myself");
        Assert.Equal(WellnessBot.Dialogs.Safety.SafetyReplies.CrisisCardKind, reply.Private[0].Card?.Kind);
        Assert.True(Cards(reply, ResourceCards.ResourceKind).First().Body.OfType<FactSet>().Any() );
        Assert.Contains(Cards(reply, ResourceCards.ResourceKind).First().Title, new[] { "988 Suicide & Crisis Lifeline", "Emergency services (911)", "Physician Support Line", "WellConnect" });
        Assert.Contains("988 Suicide & Crisis Lifeline", Cards(reply, ResourceCards.ResourceKind).Select(c => c.Title));
    }

    [Fact]
    public async Task InAChannelTheAnswersArePrivate()
    {
        var reply = await _chat.As(Ana).In(WellnessChannel).Send("resources childcare");
        reply.ExpectNothingPublic();
        Assert.NotEmpty(Cards(reply, ResourceCards.ResourceKind));
    }

    [Fact]
    public async Task ThanksGetsYoureWelcomeNotAResourceList()
    {
        var reply = await _chat.As(Ana).Send("thanks!");
        reply.ExpectPrivateText("You're welcome");
        Assert.Empty(Cards(reply, ResourceCards.ResourceKind));
        Assert.NotNull((await _chat.As(Ana).Send("thanks for the help with childcare")).CardOf(ResourceCards.ResourceKind));
    }

    [Theory]
    [InlineData("resources childcare")]
    [InlineData("resources chidlcare")]
    [InlineData("resources support")]
    [InlineData("resources someone to talk to")]
    [InlineData("resources psych")]
    [InlineData("resources covid")]
    [InlineData("resources reading")]
    [InlineData("money advice")]
    public async Task EveryResourceCardOffersANextStep(string question)
    {
        var cards = Cards(await _chat.As(Ana).Send(question), ResourceCards.ResourceKind);
        Assert.NotEmpty(cards);
        foreach (var card in cards) Assert.True(OffersANextStep(card), $"“{card.Title}” for “{question}” offers nothing to act on");
    }

    [Fact]
    public async Task EveryCategorysCardsOfferANextStep()
    {
        foreach (var category in ResourceCatalog.Categories)
        {
            var cards = Cards(await _chat.As(Ana).Submit(ResourcesDialog.CategoryAction, (ResourceCards.CategoryInput, category.Id)), ResourceCards.ResourceKind);
            foreach (var card in cards) Assert.True(OffersANextStep(card), $"“{card.Title}” in {category.Id} offers nothing to act on");
        }
    }

    [Fact]
    public async Task WellConnectWithoutItsLinkSendsPeopleToTheWellnessOfficeAndSaysWhyInTheirWords()
    {
        var office = CatalogReader.Parse(File.ReadAllText(RepoCatalog), "resources.json").Office;
        var first = Cards(await _chat.As(Ana).Send("resources childcare"), ResourceCards.ResourceKind)[0];
        Assert.Equal("WellConnect", first.Title);
        Assert.Empty(first.Actions.OfType<OpenUrlAction>()); // its link and number are still "TODO"
        var text = string.Join("\n", first.Body.OfType<TextBlock>().Select(t => t.Text));
        Assert.Contains($"**Ask the wellness office:** {office.Name}. {office.HowToReach}", text, StringComparison.Ordinal);
        Assert.Contains("Why this: matches “childcare”", text, StringComparison.Ordinal);
        Assert.DoesNotContain("childcar”", text, StringComparison.Ordinal); // never the finder's stem

        var typo = Cards(await _chat.As(Ana).Send("resources chidlcare"), ResourceCards.ResourceKind)[0];
        Assert.Contains(typo.Body.OfType<TextBlock>(), t => t.Text == "Why this: matches “childcare” (you wrote “chidlcare”)");
    }

    /// <summary>A button, a command to type here, or the wellness office with its contact.</summary>
    internal static bool OffersANextStep(Card card) =>
        card.Actions.Count > 0
        || card.Body.OfType<TextBlock>().Any(t => t.Text.Contains(": type **", StringComparison.Ordinal) || t.Text.StartsWith("**Ask the wellness office:** ", StringComparison.Ordinal));

    [Fact]
    public async Task CoordinatorsSeeTheCatalogStatusAndWhatIsLeftToFill()
    {
        var status = await _chat.As(Eli).Send("resources status");
        status.ExpectText("resources in use").ExpectText("Still to fill in").ExpectText("WellConnect: links[0].url");
        Assert.Null((await _chat.As(Ana).Send("resources status")).Private.FirstOrDefault(m => m.Text?.Contains("Still to fill in", StringComparison.Ordinal) == true));
    }
}

public sealed class ResourceLinksTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();

    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task TheWelcomeAndASupportConfirmationLinkToTheFinder()
    {
        var welcome = (await _chat.As(Ana).Welcome()).ExpectCard(WellnessBot.Dialogs.Features.WelcomeMessage.CardKind);
        Assert.Contains(welcome.Actions.OfType<SubmitAction>(), a => a.ActionId == ResourcesDialog.MenuAction);
        var confirmation = (await _chat.As(Ana).Submit(SupportDialog.SubmitAction, ("draft", "d1"), ("tier", "peer")))
            .ExpectCard(WellnessBot.Dialogs.Support.SupportCards.ConfirmationKind);
        Assert.Contains(confirmation.Actions.OfType<SubmitAction>(), a => a.ActionId == ResourcesDialog.MenuAction);

        (await _chat.As(Ana).Submit(ResourcesDialog.MenuAction)).ExpectCard(ResourceCards.MenuKind);
    }
}

/// <summary>The last card shown, when it has no contact of its own yet, offers the next match as a button.</summary>
public sealed class ResourceNextMatchTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-next-match-").FullName;
    private readonly TestChat _chat = new();

    public async Task InitializeAsync()
    {
        // The shipped catalog, with H3's in-bot command swapped for a TODO link: the third card for "support" then has nothing of its own.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepoCatalog))!;
        foreach (var r in json["resources"]!.AsArray().Where(r => r!["id"]!.GetValue<string>() == "h3"))
        {
            r!.AsObject().Remove("inBot");
            r["links"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["title"] = "About H3", ["url"] = "TODO: the H3 page" });
        }
        var path = Path.Combine(_folder, "resources.json");
        await File.WriteAllTextAsync(path, json.ToJsonString());
        _chat.Resources.CatalogPath = path;
        await _chat.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task TheLastCardWithoutAContactOffersTheNextMatchAndPressingItShowsThatOne()
    {
        var cards = (await _chat.As(Ana).Send("resources support")).Private.Select(m => m.Card).OfType<Card>().Where(c => c.Kind == ResourceCards.ResourceKind).ToList();
        Assert.Equal(3, cards.Count);
        var next = Assert.Single(cards[^1].Actions.OfType<SubmitAction>(), a => a.ActionId == ResourcesDialog.ShowAction);
        var id = next.Data[ResourceCards.ResourceData];
        Assert.StartsWith("Next match: ", next.Title, StringComparison.Ordinal);
        var name = next.Title["Next match: ".Length..];
        Assert.DoesNotContain(cards, c => c.Title == name); // not one already on screen

        var shown = (await _chat.As(Ana).Submit(ResourcesDialog.ShowAction, (ResourceCards.ResourceData, id))).ExpectCard(ResourceCards.ResourceKind);
        Assert.Equal(name, shown.Title);
        Assert.True(ResourcesDialogTests.OffersANextStep(shown));

        var gone = (await _chat.As(Ana).Submit(ResourcesDialog.ShowAction, (ResourceCards.ResourceData, "no-such-resource"))).ExpectCard(ResourceCards.MenuKind);
        Assert.Contains(gone.Body.OfType<TextBlock>(), t => t.Text.Contains("isn't in the catalog any more", StringComparison.Ordinal));
    }
}
