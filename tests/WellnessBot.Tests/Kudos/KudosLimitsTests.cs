using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Kudos;

/// <summary>A trusted bot is never a mass-messaging channel: per-giver limits, and links shown as where they go.</summary>
public sealed class KudosLimitsTests : IAsyncLifetime
{
    private readonly TestChat _chat = new(configure: s => s.AddSingleton(new KudosSettings { MaxPerDay = 3, MaxRecipients = 2 }));
    private Task<List<KudosRecord>> NovemberAsync() => _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default);

    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task AGiverPastTheDailyLimitIsToldKindlyKeepsTheirWordsAndCanGiveAgainADayLater()
    {
        for (var i = 0; i < 3; i++)
            (await _chat.As(Ana).Send($"kudos @Ben Resident thanks number {i}", [Ben])).ExpectCard(KudosCards.ConfirmationKind);

        var refused = await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident one more thank you", [Ben]);

        refused.ExpectNothingPublic().ExpectPrivateText("3 kudos in the last 24 hours").ExpectPrivateText("one more thank you");
        Assert.Equal(3, (await NovemberAsync()).Count);
        Assert.Equal(3, _chat.Messenger.ToUsers.Count(m => m.To.Key == Ben.Key)); // no fourth note
        (await _chat.As(Chen).Send("kudos @Ben Resident great teaching today", [Ben])).ExpectCard(KudosCards.ConfirmationKind); // the limit is per giver

        _chat.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        (await _chat.As(Ana).Send("kudos @Ben Resident one more thank you", [Ben])).ExpectCard(KudosCards.ConfirmationKind);
        Assert.Equal(5, (await NovemberAsync()).Count);
    }

    [Fact]
    public async Task AWithdrawnKudosNoLongerCountsTowardsTheLimit()
    {
        var first = (await _chat.As(Ana).Send("kudos @Ben Resident thanks 0", [Ben])).ExpectCard(KudosCards.ConfirmationKind);
        await _chat.As(Ana).Send("kudos @Ben Resident thanks 1", [Ben]);
        await _chat.As(Ana).Send("kudos @Ben Resident thanks 2", [Ben]);
        var withdraw = first.Actions.OfType<SubmitAction>().Single(a => a.ActionId == WellnessBot.Dialogs.Features.KudosDialog.WithdrawAction);
        await _chat.As(Ana).Submit(withdraw.ActionId, [.. withdraw.Data.Select(d => (d.Key, d.Value))]);

        (await _chat.As(Ana).Send("kudos @Ben Resident thanks 3", [Ben])).ExpectCard(KudosCards.ConfirmationKind);
    }

    [Fact]
    public async Task MoreColleaguesThanTheProgramAllowsInOneKudosAreRefusedWithTheLimitSaid()
    {
        (await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident @Chen Fellow @Dana Supporter great night", [Ben, Chen, Dana]))
            .ExpectNothingPublic().ExpectPrivateText("up to 2 colleagues");
        Assert.Empty(await NovemberAsync());
    }

    [Theory]
    [InlineData("thanks for [the new schedule](https://evil.example/login) fix", "thanks for the new schedule (https://evil.example/login) fix")]
    [InlineData("see <https://evil.example/x|the sign-up sheet> thanks", "see the sign-up sheet (https://evil.example/x) thanks")]
    [InlineData("<a href=\"https://evil.example\">our handbook</a> rocks", "our handbook (https://evil.example) rocks")]
    [InlineData("[https://ok.example](https://ok.example) thanks", "https://ok.example thanks")]
    [InlineData("thanks for the 3am [sic] save", "thanks for the 3am [sic] save")]
    public async Task LinksAreSavedAndShownAsTheAddressTheyGoTo(string written, string kept)
    {
        await _chat.As(Ana).Send("kudos @Ben Resident " + written, [Ben]);
        Assert.Equal(kept, Assert.Single(await NovemberAsync()).Message);
        Assert.DoesNotContain(_chat.Messenger.ToUsers, m => m.Message.Text?.Contains("](", StringComparison.Ordinal) == true);
    }
}

/// <summary>"Just tell them": no channel shout-out; "not for the breakfast": kept out of the digest too.</summary>
public sealed class QuietKudosTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();
    private Task<List<KudosRecord>> NovemberAsync() => _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default);

    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task AQuietKudosInAChannelTellsTheColleagueAndPostsNothingThere()
    {
        var reply = await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident thanks for staying late #quiet", [Ben]);

        reply.ExpectNothingPublic();
        Assert.Equal("none: just told them", reply.ExpectCard(KudosCards.ConfirmationKind).Body.OfType<FactSet>().SelectMany(f => f.Facts).Single(f => f.Title == "Shout-out").Value);
        Assert.Single(_chat.Messenger.ToUsers, m => m.To.Key == Ben.Key);
        var saved = Assert.Single(await NovemberAsync());
        Assert.Equal(("thanks for staying late", true, false), (saved.Message, saved.Quiet, saved.NotForBreakfast));
        Assert.Equal(1, MonthlyDigest.Compile(new Month(2026, 11), await NovemberAsync()).KudosCount); // still read at the breakfast
    }

    [Fact]
    public async Task NotForTheBreakfastKeepsItOutOfTheDigestButBenIsStillTold()
    {
        var form = (await _chat.As(Ana).Send("kudos")).ExpectCard(KudosCards.FormKind);
        Assert.Contains(form.Body.OfType<ToggleInput>(), t => t.Id == KudosCards.NotForBreakfastInput);
        var submit = form.Actions.OfType<SubmitAction>().Single();
        await _chat.As(Ana).Submit(submit.ActionId, [.. submit.Data.Select(d => (d.Key, d.Value)), (KudosCards.RecipientsInput, "aad-ben"),
            (KudosCards.MessageInput, "thank you for the hard conversation"), (KudosCards.NotForBreakfastInput, "true")]);
        await _chat.As(Chen).Send("kudos @Ben Resident great teaching", [Ben]);

        Assert.Equal(2, (await NovemberAsync()).Count);
        var digest = MonthlyDigest.Compile(new Month(2026, 11), await NovemberAsync());
        Assert.Equal(1, digest.KudosCount);
        Assert.DoesNotContain(digest.Recipients.SelectMany(r => r.Entries), e => e.Message.Contains("hard conversation", StringComparison.Ordinal));
        Assert.Equal(2, _chat.Messenger.ToUsers.Count(m => m.To.Key == Ben.Key));
    }
}
