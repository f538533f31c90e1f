using WellnessBot.Bot.Slack;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Hosting;

/// <summary>Proactive messages go out through the channel the person or conversation belongs to.</summary>
internal sealed class RoutingMessenger(TeamsMessenger teams, SlackMessenger slack, SlackOptions slackOptions) : IProactiveMessenger
{
    private IProactiveMessenger For(string channel) =>
        channel != WellnessBot.Dialogs.Turns.Channels.Slack ? teams : slackOptions.Enabled ? slack : Unreachable.Instance;

    public Task<SentMessage?> SendToUserAsync(UserRef user, BotMessage message, CancellationToken ct = default) =>
        For(user.Channel).SendToUserAsync(user, message, ct);

    public Task<bool> UpdateUserMessageAsync(UserRef user, SentMessage sent, BotMessage message, CancellationToken ct = default) =>
        For(user.Channel).UpdateUserMessageAsync(user, sent, message, ct);

    public Task<string?> SendToConversationAsync(ConversationRef conversation, BotMessage message, CancellationToken ct = default) =>
        For(conversation.Channel).SendToConversationAsync(conversation, message, ct);

    /// <summary>Slack people while Slack is not configured: nobody can be reached.</summary>
    private sealed class Unreachable : IProactiveMessenger
    {
        public static readonly Unreachable Instance = new();
        public Task<SentMessage?> SendToUserAsync(UserRef user, BotMessage message, CancellationToken ct = default) => Task.FromResult<SentMessage?>(null);
        public Task<bool> UpdateUserMessageAsync(UserRef user, SentMessage sent, BotMessage message, CancellationToken ct = default) => Task.FromResult(false);
        public Task<string?> SendToConversationAsync(ConversationRef conversation, BotMessage message, CancellationToken ct = default) => Task.FromResult<string?>(null);
    }
}

/// <summary>People looked up by their channel (a picked person by the channel the form was filled in).</summary>
internal sealed class RoutingPeopleDirectory(TeamsPeopleDirectory teams, SlackPeopleDirectory slack, SlackOptions slackOptions) : IPeopleDirectory
{
    private IPeopleDirectory For(string channel) =>
        channel != WellnessBot.Dialogs.Turns.Channels.Slack ? teams : slackOptions.Enabled ? slack : Unknown.Instance;

    /// <summary>Slack people while Slack is not configured: nobody is known.</summary>
    private sealed class Unknown : IPeopleDirectory
    {
        public static readonly Unknown Instance = new();
        public Task<UserRef?> FindAsync(Turn turn, string pickedId, CancellationToken ct) => Task.FromResult<UserRef?>(null);
        public Task<string?> NameOfAsync(UserRef person, CancellationToken ct) => Task.FromResult<string?>(null);
        public Task<int> ForgetAsync(UserRef person, CancellationToken ct) => Task.FromResult(0);
    }

    public Task<UserRef?> FindAsync(Turn turn, string pickedId, CancellationToken ct) => For(turn.From.Channel).FindAsync(turn, pickedId, ct);

    public Task<string?> NameOfAsync(UserRef person, CancellationToken ct) => For(person.Channel).NameOfAsync(person, ct);

    public Task<int> ForgetAsync(UserRef person, CancellationToken ct) => For(person.Channel).ForgetAsync(person, ct);
}
