using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// Resolves a person picked in a Teams form (an Azure AD object id): first from the people the bot has seen,
/// then by asking the Bot Connector for that member of the current conversation (works in teams and group chats).
/// </summary>
internal sealed class TeamsPeopleDirectory(ConversationDirectory directory, BotConnectorClient connector) : IPeopleDirectory
{
    public async Task<UserRef?> FindAsync(Turn turn, string pickedId, CancellationToken ct)
    {
        // Teams' people picker answers Azure AD object ids (36-character GUIDs): anything far longer names nobody.
        if (pickedId.Length is 0 or > 64) return null;
        var channel = turn.From.Channel;
        if (await directory.FindByAadObjectIdAsync(channel, pickedId, ct).ConfigureAwait(false) is { } known)
            return known;
        var address = await directory.FindUserAsync(turn.From, ct).ConfigureAwait(false);
        if (address is null) return null;
        try
        {
            var member = await connector.GetMemberAsync(address.ServiceUrl, turn.Conversation.Id, pickedId, ct).ConfigureAwait(false);
            if (member?.Id is null) return null;
            await directory.RememberAadAsync(channel, pickedId, member.Id, member.Name, ct).ConfigureAwait(false);
            return new UserRef(channel, member.Id, member.Name ?? "a colleague", pickedId);
        }
        catch (ConnectorException)
        {
            return null;
        }
    }

    public Task<string?> NameOfAsync(UserRef person, CancellationToken ct) => directory.NameOfAsync(person, ct);

    public Task<int> ForgetAsync(UserRef person, CancellationToken ct) => directory.ForgetAsync(person, ct);
}
