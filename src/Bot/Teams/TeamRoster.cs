using System.Collections.Concurrent;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// Keeps the address of every member of the teams the bot is installed in, so that a colleague, a peer supporter or
/// a coordinator who never opened the bot can still be told privately (Teams lets a bot start a 1:1 with any member
/// of a team it is in). Read in full when the bot is added to a team and on the first channel turn after a start;
/// kept current by membersAdded / membersRemoved.
/// </summary>
internal sealed partial class TeamRoster(BotConnectorClient connector, ConversationDirectory directory, TimeProvider clock, ILogger<TeamRoster> logger)
{
    /// <summary>At most this many pages of 500: a residency's teams are hundreds of people, not tens of thousands.</summary>
    public const int MaxPages = 40;

    /// <summary>A roster read that failed is tried again on a later turn, but not before this.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(10);

    /// <summary>Teams read in full by this process (or tried recently), by team id.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _read = new(StringComparer.Ordinal);

    /// <summary>
    /// After an activity's own addresses are remembered: colleagues it mentions in a shared conversation, members it
    /// adds or removes, and the whole team when it is new to this process. Never fails the turn. A request Teams waits
    /// on (an invoke) waits at most <paramref name="waitAtMost"/> for a first full read, which goes on without it.
    /// </summary>
    public async Task OnActivityAsync(Activity activity, Turn? turn, TimeSpan? waitAtMost, CancellationToken ct)
    {
        if (activity.ServiceUrl is null || activity.Recipient?.Id is not { } botId) return;
        var channel = activity.ChannelId ?? Channels.Teams;
        var tenant = ActivityMapper.TenantOf(activity);
        try
        {
            if (turn is { Conversation.IsPrivate: false })
                foreach (var mentioned in turn.Mentions.Where(m => m.Id != botId))
                    await directory.RememberMemberAsync(channel, mentioned.Id, mentioned.Name, mentioned.AadObjectId, activity.ServiceUrl, tenant, botId, ct).ConfigureAwait(false);
            if (activity.ChannelData.Get("team").Get("id").Text() is not { Length: > 0 and <= 256 } teamId) return;
            if (activity.Type == ActivityTypes.ConversationUpdate)
            {
                foreach (var added in activity.MembersAdded ?? [])
                    if (added.Id is { Length: > 0 and <= 256 } id && id != botId)
                        await directory.RememberMemberAsync(channel, id, added.Name, added.AadObjectId, activity.ServiceUrl, tenant, botId, ct).ConfigureAwait(false);
                foreach (var removed in activity.MembersRemoved ?? [])
                    if (removed.Id is { Length: > 0 and <= 256 } id && id != botId)
                        await directory.ForgetMemberAsync(channel, id, ct).ConfigureAwait(false);
            }
            // Read once a start (DateTimeOffset.MaxValue), a failed read again after a while, and always on a (re-)install.
            if (!ActivityMapper.BotWasAdded(activity) && _read.TryGetValue(teamId, out var at) && (at == DateTimeOffset.MaxValue || clock.GetUtcNow() - at < RetryAfter))
                return;
            _read[teamId] = clock.GetUtcNow();
            var read = ReadTeamAsync(channel, teamId, activity.ServiceUrl, tenant, botId, waitAtMost is null ? ct : CancellationToken.None);
            if (waitAtMost is { } limit) await Task.WhenAny(read, Task.Delay(limit, ct)).ConfigureAwait(false);
            else await read.ConfigureAwait(false);
        }
        catch (Exception ex) when (IsPassing(ex, ct))
        {
            LogReadFailed(logger, ex.GetType().Name); // the turn goes on; the roster is read again later
        }
    }

    private async Task ReadTeamAsync(string channel, string teamId, string serviceUrl, string? tenant, string botId, CancellationToken ct)
    {
        try
        {
            var members = await ReadAsync(channel, teamId, serviceUrl, tenant, botId, ct).ConfigureAwait(false);
            _read[teamId] = DateTimeOffset.MaxValue; // read: nothing more until the next start, or a re-install
            LogRead(logger, members);
        }
        catch (Exception ex) when (IsPassing(ex, ct))
        {
            LogReadFailed(logger, ex.GetType().Name);
        }
    }

    private static bool IsPassing(Exception ex, CancellationToken ct) =>
        ex is ConnectorException or TableStoreException or HttpRequestException or System.Text.Json.JsonException
        || ex is TaskCanceledException && !ct.IsCancellationRequested;

    private async Task<int> ReadAsync(string channel, string teamId, string serviceUrl, string? tenant, string botId, CancellationToken ct)
    {
        var count = 0;
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var members = await connector.GetPagedMembersAsync(serviceUrl, teamId, token, ct).ConfigureAwait(false);
            foreach (var member in members.Members ?? [])
            {
                if (member.Id is not { Length: > 0 and <= 256 } id || id == botId) continue;
                var aad = member.AadObjectId ?? member.ObjectId;
                await directory.RememberMemberAsync(channel, id, member.Name, aad is { Length: <= 64 } ? aad : null, serviceUrl, member.TenantId ?? tenant, botId, ct)
                    .ConfigureAwait(false);
                count++;
            }
            token = members.ContinuationToken;
            if (string.IsNullOrEmpty(token)) break;
        }
        return count;
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Team roster read: {Members} members can now be messaged privately")]
    private static partial void LogRead(ILogger logger, int members);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Team roster could not be read ({Exception}); it is tried again later")]
    private static partial void LogReadFailed(ILogger logger, string exception);
}
