using System.Text.Json;
using Microsoft.Extensions.Options;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Tests.Teams;

public sealed class TeamsTurnContextTests
{
    private sealed class NoMessenger : IProactiveMessenger
    {
        public Task<bool> SendToUserAsync(UserRef user, BotMessage message, CancellationToken ct = default) => throw new InvalidOperationException("unexpected");
        public Task<string?> SendToConversationAsync(ConversationRef conversation, BotMessage message, CancellationToken ct = default) => throw new InvalidOperationException("unexpected");
    }

    [Fact]
    public async Task UpdatingTheCardAnInvokeCameFromAnswersInTheInvokeResponseInsteadOfCallingTheConnector()
    {
        var activity = JsonSerializer.Deserialize<Activity>(JsonSerializer.Serialize(
            TeamsActivities.Invoke("http://127.0.0.1:9/", "Action.Execute", new { action = "kudos.withdraw" })))!;
        var turn = ActivityMapper.ToTurn(activity)!;
        // The connector points at a closed port: any call would fail the test.
        var connector = new BotConnectorClient(new BotTokenProvider(Options.Create(new BotFrameworkOptions())));
        var context = new TeamsTurnContext(turn, activity, connector, new NoMessenger());

        await context.UpdateAsync(activity.ReplyToId!, BotMessage.Show(new Card("kudos-withdrawn") { Title = "Withdrawn" }));

        Assert.NotNull(context.RefreshedCard);
        Assert.Equal("Withdrawn", context.RefreshedCard!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("kudos.withdraw", turn.Submission!.ActionId);
    }
}
