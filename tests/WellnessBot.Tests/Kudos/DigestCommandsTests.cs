using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Kudos;

public sealed class DigestCommandsTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();

    public async Task InitializeAsync()
    {
        await _chat.InitializeAsync();
        await _chat.As(Ana).Send("kudos @Ben Resident for the handoff, truly #teamwork", [Ben]);
        await _chat.As(Chen).Send("kudos me survived the ICU month");
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero)); // before the 7 December post
    }

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task ChannelHereMakesTheConversationAProgramChannel()
    {
        (await _chat.As(Eli).Send("digest channel here")).ExpectText("in the channel");
        (await _chat.As(Eli).In(WellnessChannel).Send("digest channel here")).ExpectText("now a program channel");
        Assert.Equal([WellnessChannel], await _chat.Services.GetRequiredService<ProgramChannels>().AllAsync(default));
    }

    [Fact]
    public async Task PreviewIsPrivateAndShowsBothVersions()
    {
        var preview = await _chat.As(Eli).In(WellnessChannel).Send("digest preview november");

        preview.ExpectNothingPublic();
        Assert.Equal("🎉 Shout-outs for November 2026", preview.ExpectCard(MonthlyDigest.CardKind).Title);
        preview.ExpectPrivateText("**Breakfast shout-outs for November 2026**").ExpectPrivateText("self-highlight ✨");
    }

    [Fact]
    public async Task PostPublishesNowAndNeverTwice()
    {
        await _chat.As(Eli).In(WellnessChannel).Send("digest channel here");
        (await _chat.As(Eli).Send("digest post")).ExpectText("Done: the November 2026 digest is posted");
        (await _chat.As(Eli).Send("digest post")).ExpectText("already posted on December 2");
        Assert.Single(_chat.Messenger.ToConversations);
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero)); // the scheduled time comes
        Assert.Equal(DigestOutcome.AlreadyPosted, await _chat.Services.GetRequiredService<DigestPublisher>().RunDueAsync(default));
        Assert.Single(_chat.Messenger.ToConversations);
    }

    [Fact]
    public async Task ExportGivesACsvForSlides()
    {
        var export = await _chat.As(Eli).Send("digest export 2026-11");
        var text = export.Private.Single().Text!;
        Assert.Contains("Month,Recipient,Message,From,Category,SelfHighlight,GivenAt", text);
        Assert.Contains("2026-11,Ben Resident,\"for the handoff, truly\",Ana Resident,Teamwork,no,", text);
        Assert.Contains("2026-11,Chen Fellow,survived the ICU month,themselves,,yes,", text);
    }

    // Every way of writing a month is MonthTests'; here, that the digest reads them in the program's "now" and
    // that no month named means last month, whose digest is the one due.
    [Theory]
    [InlineData("", "2026-11")]
    [InlineData("october", "2026-10")]
    [InlineData("this month", "2026-12")]
    [InlineData("someday", null)]
    public void MonthsAreReadTheWayCoordinatorsSayThem(string text, string? expected) =>
        Assert.Equal(expected, _chat.Services.CreateScope().ServiceProvider.GetRequiredService<DigestCommands>().ParseMonth(text)?.ToString());

    [Fact]
    public async Task AnUnreadableMonthGetsAnExample()
    {
        (await _chat.As(Eli).Send("digest preview someday")).ExpectPrivateText("digest preview october");
    }
}
