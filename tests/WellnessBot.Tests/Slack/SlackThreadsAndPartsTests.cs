using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Slack;

/// <summary>A kudos given in a Slack thread is answered in that thread; a message too long for one post goes out in every part.</summary>
public sealed class SlackThreadsAndPartsTests : IAsyncLifetime
{
    private SlackHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new SlackHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AKudosInAThreadIsShoutedOutInThatThread()
    {
        await _host.EventAsync(new
        {
            token = "t", team_id = "T0TEAM", type = "event_callback", event_id = "Ev0THREAD", authorizations = new[] { new { user_id = "U0BOT" } },
            @event = new { type = "app_mention", channel = "C0WELLNESS", user = "U0ANA", text = "<@U0BOT> kudos <@U0BEN|ben> thanks for the save", ts = "1700000100.000200", thread_ts = "1700000000.000100" },
        });
        await _host.IdleAsync();

        var shout = Assert.Single(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS");
        Assert.Equal("1700000000.000100", shout.Body["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMessageOfManyPartsIsPostedInFull()
    {
        var messenger = _host.Services.GetRequiredService<IProactiveMessenger>();
        var card = new Card("long") { Title = "Long", Body = [.. Enumerable.Range(0, 70).Select(i => (CardElement)new TextBlock($"line {i}"))] };

        await messenger.SendToConversationAsync(new ConversationRef(Channels.Slack, "C0WELLNESS", ConversationKind.Channel), BotMessage.Show(card));
        await messenger.SendToUserAsync(new UserRef(Channels.Slack, "U0BEN", "Ben"), BotMessage.Show(card));

        Assert.Equal(2, _host.Calls().Count(c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS"));
        Assert.Equal(2, _host.Calls().Count(c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "D0DM"));
    }
}
