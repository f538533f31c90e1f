using WellnessBot.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Kudos;

/// <summary>The monthly digest goes out once, at its time, to the program channel and the coordinators.</summary>
public sealed class DigestPublishingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset DecemberDue = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero); // first Monday, 07:00 New York
    private TestChat _chat = new();

    public async Task InitializeAsync()
    {
        await _chat.InitializeAsync();
        await _chat.As(Eli).In(WellnessChannel).Send("digest channel here");
    }

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private DigestPublisher Publisher => _chat.Services.GetRequiredService<DigestPublisher>();
    private List<(ConversationRef To, WellnessBot.Dialogs.Messages.BotMessage Message)> ChannelPosts => _chat.Messenger.ToConversations;

    private async Task GiveNovemberKudosAsync(int count = 3)
    {
        for (var i = 0; i < count; i++)
            await _chat.As(i % 2 == 0 ? Ana : Chen).Send($"kudos @Ben Resident thank you number {i} " + new string('!', 200), [Ben]);
        _chat.Messenger.ToUsers.Clear();
    }

    [Fact]
    public async Task NothingIsPostedBeforeItsTimeThenExactlyOnce()
    {
        await GiveNovemberKudosAsync();
        _chat.Clock.SetUtcNow(DecemberDue.AddMinutes(-1));
        Assert.Equal(DigestOutcome.NotDue, await Publisher.RunDueAsync(default));
        Assert.Empty(ChannelPosts);

        _chat.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DigestOutcome.Posted, await Publisher.RunDueAsync(default));
        var (to, post) = Assert.Single(ChannelPosts);
        Assert.Equal(WellnessChannel, to);
        Assert.Equal("🎉 Shout-outs for November 2026", post.Card!.Title);
        var breakfast = Assert.Single(_chat.Messenger.ToUsers);
        Assert.Equal("29:coordinator-eli", breakfast.To.Id);
        Assert.StartsWith("**Breakfast shout-outs for November 2026**", breakfast.Message.Text);

        for (var i = 0; i < 3; i++)
        {
            _chat.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(DigestOutcome.AlreadyPosted, await Publisher.RunDueAsync(default));
        }
        await _chat.RestartAsync(); // another instance, after a redeploy
        Assert.Equal(DigestOutcome.AlreadyPosted, await Publisher.RunDueAsync(default));
        Assert.Single(ChannelPosts);
    }

    [Fact]
    public async Task ADigestMissedWhileTheBotWasDownIsPostedWhenItReturnsMarkedLate()
    {
        await GiveNovemberKudosAsync();
        _chat.Clock.SetUtcNow(DecemberDue.AddHours(30));
        Assert.Equal(DigestOutcome.Posted, await Publisher.RunDueAsync(default));
        var post = Assert.Single(ChannelPosts).Message.Card!;
        Assert.Contains(post.Body.OfType<WellnessBot.Dialogs.Messages.TextBlock>(), t => t.Text.StartsWith("Posted late", StringComparison.Ordinal));
        Assert.True((await _chat.Services.GetRequiredService<DigestLedger>().GetAsync(new Month(2026, 11), default))!.Late);
    }

    [Fact]
    public async Task AnEmptyMonthStillGetsAGentleNote()
    {
        _chat.Clock.SetUtcNow(DecemberDue);
        Assert.Equal(DigestOutcome.Posted, await Publisher.RunDueAsync(default));
        Assert.Contains("No shout-outs were recorded in November 2026",
            string.Join(" ", Assert.Single(ChannelPosts).Message.Card!.Body.OfType<WellnessBot.Dialogs.Messages.TextBlock>().Select(t => t.Text)));
    }

    [Fact]
    public async Task ACrashBetweenPostingAndRecordingNeverPostsThatPartAgain()
    {
        await GiveNovemberKudosAsync(count: 60); // several parts
        _chat.Clock.SetUtcNow(DecemberDue);
        _chat.Messenger.CrashAfterNextConversationPost = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Publisher.RunDueAsync(default));
        Assert.Single(ChannelPosts); // part 1 left, then the process died

        await _chat.RestartAsync();
        Assert.Equal(DigestOutcome.Busy, await Publisher.RunDueAsync(default)); // the dead instance's lease still stands
        _chat.Clock.Advance(DigestLedger.LeaseLength + TimeSpan.FromSeconds(1));
        Assert.Equal(DigestOutcome.Posted, await Publisher.RunDueAsync(default));

        var titles = ChannelPosts.Select(p => p.Message.Card!.Title).ToList();
        Assert.Equal(titles.Distinct().Count(), titles.Count); // no part twice
        var parts = MonthlyDigest.Compile(new Month(2026, 11), await _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default)).ForChannel(false).Count;
        Assert.Equal(parts, titles.Count);
        Assert.Contains(_chat.Messenger.ToUsers, m => m.To.Id == "29:coordinator-eli" && m.Message.Text!.Contains("may be missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithNoChannelAndNoCoordinatorNothingIsMarkedPosted()
    {
        await using var lonely = new TestChat(program: new WellnessBot.Dialogs.Engine.ProgramSettings());
        await lonely.InitializeAsync();
        lonely.Clock.SetUtcNow(DecemberDue);
        var publisher = lonely.Services.GetRequiredService<DigestPublisher>();
        Assert.Equal(DigestOutcome.NowhereToPost, await publisher.RunDueAsync(default));
        Assert.False(await lonely.Services.GetRequiredService<DigestLedger>().IsPostedAsync(new Month(2026, 11), default));
    }
}

/// <summary>Two schedulers on two "instances" sharing one Azure Table Storage (Azurite) race to post: one post.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DigestExactlyOnceOnAzuriteTests(AzuriteServer azurite)
{
    [Fact]
    public async Task TwoSchedulersRacingProduceOnePost()
    {
        var store = new AzureTableStore(azurite.ConnectionString);
        await using var first = new TestChat(store: store);
        await using var second = new TestChat(store: store);
        await first.InitializeAsync();
        await first.As(Eli).In(WellnessChannel).Send("digest channel here");
        for (var i = 0; i < 40; i++)
        {
            await first.As(Ana).Send($"kudos @Ben Resident thanks {i} " + new string('~', 300), [Ben]);
            first.Clock.Advance(TimeSpan.FromHours(1.5)); // within Kudos:MaxPerDay, still in November
        }
        var due = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        first.Clock.SetUtcNow(due);
        second.Clock.SetUtcNow(due);

        var outcomes = await Task.WhenAll(
            Task.Run(() => first.Services.GetRequiredService<DigestPublisher>().RunDueAsync(default)),
            Task.Run(() => second.Services.GetRequiredService<DigestPublisher>().RunDueAsync(default)));

        Assert.Single(outcomes, o => o == DigestOutcome.Posted);
        var posts = first.Messenger.ToConversations.Concat(second.Messenger.ToConversations).Select(p => p.Message.Card!.Title).ToList();
        var parts = MonthlyDigest.Compile(new Month(2026, 11), await first.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default)).ForChannel(false).Count;
        Assert.True(parts > 1);
        Assert.Equal(parts, posts.Count);
        Assert.Equal(parts, posts.Distinct().Count());

        // Later checks by either instance find it posted.
        Assert.Equal(DigestOutcome.AlreadyPosted, await second.Services.GetRequiredService<DigestPublisher>().RunDueAsync(default));
    }
}
