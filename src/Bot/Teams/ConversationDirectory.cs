using System.Collections.Concurrent;
using System.Text.Json;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Teams;

/// <summary>How to reach a person later: the service URL and tenant Teams gave us, and their 1:1 chat once known.</summary>
internal sealed record UserAddress(string ServiceUrl, string? TenantId, string BotId, string? PersonalConversationId);

/// <summary>How to post in a conversation later. Channels post new threads in <see cref="TeamsChannelId"/>.</summary>
internal sealed record ConversationAddress(string ServiceUrl, string ConversationId, ConversationKind Kind, string? TenantId, string BotId, string? TeamsChannelId);

/// <summary>
/// A conversation reference for every person and conversation the bot sees, kept in the table store so any
/// instance can message people proactively (notes to colleagues, digest posts). Rows are rewritten only when
/// something changed, so a busy conversation does not cost a write per message.
/// </summary>
internal sealed class ConversationDirectory(ITableStore store)
{
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.ConversationsTable);
    private readonly ConcurrentDictionary<string, string> _written = new(StringComparer.Ordinal);

    public async Task RememberAsync(Activity activity, CancellationToken ct)
    {
        if (activity.ServiceUrl is null || activity.From?.Id is null || activity.Conversation?.Id is null || activity.Recipient?.Id is null)
            return;
        var channel = activity.ChannelId ?? Channels.Teams;
        var tenant = ActivityMapper.TenantOf(activity);
        var kind = ActivityMapper.KindOf(activity.Conversation);

        var (upk, urk) = StorageKeys.UserAddress(channel, activity.From.Id);
        var user = new TableEntity(upk, urk)
        {
            ["ServiceUrl"] = activity.ServiceUrl,
            ["BotId"] = activity.Recipient.Id,
            ["TenantId"] = tenant,
            ["Name"] = activity.From.Name,
            ["AadObjectId"] = activity.From.AadObjectId,
        };
        // A message action runs wherever the person is, often a 1:1 chat with a colleague that the bot is not in:
        // that chat is never taken for their 1:1 with the bot, where private replies go.
        var inBotsOwnChat = !(activity.Type == "invoke" && activity.Name?.StartsWith("composeExtension/", StringComparison.Ordinal) == true);
        if (kind == ConversationKind.Direct && inBotsOwnChat) user["PersonalConversationId"] = activity.Conversation.Id;
        await UpsertIfChangedAsync(user, ct).ConfigureAwait(false);
        if (activity.From.AadObjectId is { Length: > 0 } aad)
            await RememberAadAsync(channel, aad, activity.From.Id, activity.From.Name, ct).ConfigureAwait(false);

        if (kind != ConversationKind.Direct)
        {
            var (cpk, crk) = StorageKeys.ConversationAddress(channel, activity.Conversation.Id);
            await UpsertIfChangedAsync(new TableEntity(cpk, crk)
            {
                ["ServiceUrl"] = activity.ServiceUrl,
                ["ConversationId"] = activity.Conversation.Id,
                ["Kind"] = kind.ToString(),
                ["TenantId"] = tenant,
                ["BotId"] = activity.Recipient.Id,
                ["TeamsChannelId"] = TeamsChannelIdOf(activity),
            }, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Someone the bot has not heard from but may message: a member of a team it is installed in (Teams lets a bot
    /// start a 1:1 with them, by id and tenant), or a colleague mentioned beside it. A 1:1 already known is kept.
    /// </summary>
    public async Task RememberMemberAsync(string channel, string userId, string? name, string? aadObjectId, string serviceUrl, string? tenantId, string botId,
        CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserAddress(channel, userId);
        var row = new TableEntity(pk, rk) { ["ServiceUrl"] = serviceUrl, ["BotId"] = botId, ["TenantId"] = tenantId };
        if (!string.IsNullOrEmpty(name)) row["Name"] = name;
        if (!string.IsNullOrEmpty(aadObjectId)) row["AadObjectId"] = aadObjectId;
        await UpsertIfChangedAsync(row, ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(aadObjectId)) await RememberAadAsync(channel, aadObjectId, userId, name, ct).ConfigureAwait(false);
    }

    /// <summary>A member left a team: their address goes unless they have a 1:1 with the bot of their own.</summary>
    public async Task ForgetMemberAsync(string channel, string userId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserAddress(channel, userId);
        if (await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false) is { } row && row.GetString("PersonalConversationId") is null)
        {
            try
            {
                await _table.DeleteEntityAsync(pk, rk, row.ETag, ct).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException)
            {
                // They wrote to the bot meanwhile: their address stays.
            }
        }
        _written.TryRemove(pk + "/" + rk, out _);
    }

    public async Task<UserAddress?> FindUserAsync(UserRef user, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserAddress(user);
        var e = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return e?.GetString("ServiceUrl") is { } serviceUrl
            ? new UserAddress(serviceUrl, e.GetString("TenantId"), e.GetString("BotId") ?? "", e.GetString("PersonalConversationId"))
            : null;
    }

    /// <summary>
    /// The people of <paramref name="channel"/> the bot can reach, by name: everyone who wrote to it and every member of
    /// the teams it is in (the console's pickers). At most <paramref name="max"/>, in name order.
    /// </summary>
    public async Task<List<UserRef>> KnownPeopleAsync(string channel, int max, CancellationToken ct)
    {
        var people = new List<UserRef>();
        await foreach (var row in _table.QueryAsync(TableQuery.InPartition(StorageKeys.UserAddressPartition), ct).ConfigureAwait(false))
        {
            if (StorageKeys.UserOfAddress(row.RowKey) is not var (of, id) || of != channel || row.GetString("Name") is not { Length: > 0 } name) continue;
            people.Add(new UserRef(of, id, name, row.GetString("AadObjectId")));
            if (people.Count >= max) break;
        }
        return [.. people.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Someone the bot can reach, as it knows them (name and Azure AD object id), or null.</summary>
    public async Task<UserRef?> KnownPersonAsync(string channel, string userId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserAddress(channel, userId);
        var e = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return e?.GetString("Name") is { Length: > 0 } name ? new UserRef(channel, userId, name, e.GetString("AadObjectId")) : null;
    }

    /// <summary>The display name a person last used with the bot, if it has seen them.</summary>
    public async Task<string?> NameOfAsync(UserRef user, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserAddress(user);
        var e = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return e?.GetString("Name") is { Length: > 0 } name ? name : null;
    }

    /// <summary>Forgets a person's address and the Azure AD index rows that point at them; returns how many rows went.</summary>
    public async Task<int> ForgetAsync(UserRef user, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserAddress(user);
        var forgotten = await _table.DeleteEntityAsync(pk, rk, Azure.ETag.All, ct).ConfigureAwait(false) ? 1 : 0;
        var pointing = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync(TableQuery.InPartition(StorageKeys.AadIndexPartition).Where("UserId", FilterOperator.Equal, user.Id), ct).ConfigureAwait(false))
            if (row.RowKey.StartsWith(StorageKeys.Escape(user.Channel + "|"), StringComparison.Ordinal)) pointing.Add(row);
        foreach (var row in pointing)
            if (await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, ct).ConfigureAwait(false)) forgotten++;
        _written.Clear(); // a cached fingerprint must not stop the next message from writing the address again
        return forgotten;
    }

    public async Task<ConversationAddress?> FindConversationAsync(ConversationRef conversation, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.ConversationAddress(conversation);
        var e = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        if (e?.GetString("ServiceUrl") is not { } serviceUrl) return null;
        return new ConversationAddress(serviceUrl, e.GetString("ConversationId") ?? conversation.Id,
            Enum.TryParse<ConversationKind>(e.GetString("Kind"), out var kind) ? kind : conversation.Kind,
            e.GetString("TenantId"), e.GetString("BotId") ?? "", e.GetString("TeamsChannelId"));
    }

    /// <summary>Teams' people picker answers with Azure AD object ids; this maps them back to the people the bot knows.</summary>
    public async Task<UserRef?> FindByAadObjectIdAsync(string channel, string aadObjectId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.AadIndex(channel, aadObjectId);
        var e = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return e?.GetString("UserId") is { } id ? new UserRef(channel, id, e.GetString("Name") ?? "a colleague", aadObjectId) : null;
    }

    public Task RememberAadAsync(string channel, string aadObjectId, string userId, string? name, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.AadIndex(channel, aadObjectId);
        return UpsertIfChangedAsync(new TableEntity(pk, rk) { ["UserId"] = userId, ["Name"] = name }, ct);
    }

    public async Task SavePersonalConversationAsync(UserRef user, string conversationId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserAddress(user);
        await _table.UpsertEntityAsync(new TableEntity(pk, rk) { ["PersonalConversationId"] = conversationId }, TableUpdateMode.Merge, ct).ConfigureAwait(false);
    }

    /// <summary>True the first time a conversation is welcomed; false ever after (clients repeat install events on reload).</summary>
    public async Task<bool> FirstWelcomeAsync(ConversationRef conversation, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity("welcomed", StorageKeys.Escape(conversation.Key)) { ["At"] = DateTimeOffset.UtcNow }, ct).ConfigureAwait(false);
            return true;
        }
        catch (EntityAlreadyExistsException)
        {
            return false;
        }
    }

    private async Task UpsertIfChangedAsync(TableEntity entity, CancellationToken ct)
    {
        var key = entity.PartitionKey + "/" + entity.RowKey;
        var fingerprint = string.Join('\u001f', entity.Select(p => p.Key + "=" + p.Value));
        if (_written.TryGetValue(key, out var previous) && previous == fingerprint) return;
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, ct).ConfigureAwait(false);
        if (_written.Count > 50_000) _written.Clear(); // a cache, not state: losing it only costs a write
        _written[key] = fingerprint;
    }

    private static string? TeamsChannelIdOf(Activity activity)
    {
        return activity.ChannelData.Get("channel").Get("id").Text() ?? activity.ChannelData.Get("teamsChannelId").Text();
    }
}
