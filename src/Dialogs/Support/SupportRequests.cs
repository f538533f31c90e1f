using System.Text.Json;
using Azure;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Support;

/// <summary>
/// Support requests in the table store. Details are encrypted before they leave this class and decrypted only
/// when read back; every change is ETag-checked, so two instances never both move the same request. A request's
/// timer lives in the store as well (an index row ordered by due time), so timers survive restarts.
/// </summary>
public sealed class SupportRequests(ITableStore store, DetailsProtector protector)
{
    private readonly ITableClient _requests = store.GetTableClient(StorageKeys.SupportRequestsTable);

    /// <summary>Stores a new request; false when a request with this id exists already (a double-submitted form).</summary>
    public async Task<bool> CreateAsync(SupportRequest request, CancellationToken ct)
    {
        if (request.DueAt is { } due)
            await _requests.UpsertEntityAsync(TimerRow(due, request.Id), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        try
        {
            await _requests.AddEntityAsync(ToEntity(request), ct).ConfigureAwait(false);
            return true;
        }
        catch (EntityAlreadyExistsException)
        {
            return false;
        }
    }

    public async Task<SupportRequest?> GetAsync(string id, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.SupportRequest(id);
        var entity = await _requests.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return entity is null ? null : FromEntity(entity);
    }

    /// <summary>A request by its full id or its short reference; null when none or ambiguous.</summary>
    public async Task<SupportRequest?> FindAsync(string idOrReference, CancellationToken ct)
    {
        var text = idOrReference.Trim().TrimStart('#').ToLowerInvariant();
        if (text.Length < 4 || !text.All(char.IsAsciiHexDigit)) return null;
        var matches = new List<SupportRequest>();
        var query = TableQuery.InPartition(StorageKeys.SupportRequestsPartition).RowKeyStartsWith(text);
        await foreach (var entity in _requests.QueryAsync(query, ct).ConfigureAwait(false))
            matches.Add(FromEntity(entity));
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>
    /// Saves <paramref name="changed"/> if nobody changed the request since it was read. Its timer row moves with
    /// it: the new one is written first, so a crash in between leaves an extra timer (ignored), never a lost one.
    /// </summary>
    public async Task<SupportRequest?> TryUpdateAsync(SupportRequest before, SupportRequest changed, CancellationToken ct)
    {
        if (!changed.DetailsRead)
            throw new InvalidOperationException("A request listed without its details cannot be saved (it would erase them); read it with GetAsync.");
        if (changed.DueAt is { } due && due != before.DueAt)
            await _requests.UpsertEntityAsync(TimerRow(due, changed.Id), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        ETag etag;
        try
        {
            etag = await _requests.UpdateEntityAsync(ToEntity(changed), before.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or EntityNotFoundException)
        {
            return null;
        }
        if (before.DueAt is { } old && old != changed.DueAt)
            await DeleteTimerAsync(old, before.Id, ct).ConfigureAwait(false);
        return changed with { ETag = etag };
    }

    /// <summary>Requests whose timers are due: one range read of the timer index, oldest first.</summary>
    public async Task<List<(DateTimeOffset DueAt, string RequestId)>> DueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = new List<(DateTimeOffset, string)>();
        var query = TableQuery.InPartition(StorageKeys.SupportTimersPartition).RowKeyBetween(null, StorageKeys.SupportTimersDueBefore(now));
        await foreach (var row in _requests.QueryAsync(query, ct).ConfigureAwait(false))
        {
            var bar = row.RowKey.IndexOf('|', StringComparison.Ordinal);
            due.Add((new DateTimeOffset(long.Parse(row.RowKey[..bar], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero), row.RowKey[(bar + 1)..]));
        }
        return due;
    }

    public async Task DeleteTimerAsync(DateTimeOffset dueAt, string requestId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.SupportTimer(dueAt, requestId);
        await _requests.DeleteEntityAsync(pk, rk, ETag.All, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Every request, without decrypting details: for lists, open counts and the anonymous figures. What it returns
    /// cannot be saved back; read a request with <see cref="GetAsync"/> to change it.
    /// </summary>
    public async Task<List<SupportRequest>> AllAsync(CancellationToken ct)
    {
        var all = new List<SupportRequest>();
        await foreach (var entity in _requests.QueryAsync(TableQuery.InPartition(StorageKeys.SupportRequestsPartition), ct).ConfigureAwait(false))
            all.Add(FromEntity(entity, withDetails: false));
        all.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return all;
    }

    /// <summary>The requester's open requests (newest last).</summary>
    public async Task<List<SupportRequest>> OpenForAsync(UserRef requester, CancellationToken ct)
    {
        var query = TableQuery.InPartition(StorageKeys.SupportRequestsPartition)
            .Where("RequesterChannel", FilterOperator.Equal, requester.Channel)
            .Where("RequesterId", FilterOperator.Equal, requester.Id);
        var found = new List<SupportRequest>();
        await foreach (var entity in _requests.QueryAsync(query, ct).ConfigureAwait(false))
            if (FromEntity(entity) is { IsOpen: true } open) found.Add(open);
        found.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return found;
    }

    private static TableEntity TimerRow(DateTimeOffset due, string requestId)
    {
        var (pk, rk) = StorageKeys.SupportTimer(due, requestId);
        return new TableEntity(pk, rk);
    }

    private TableEntity ToEntity(SupportRequest r)
    {
        var (pk, rk) = StorageKeys.SupportRequest(r.Id);
        var entity = new TableEntity(pk, rk)
        {
            ["Tier"] = r.Tier.ToString(),
            ["Urgent"] = r.Urgent,
            ["Status"] = r.Status.ToString(),
            ["CreatedAt"] = r.CreatedAt,
            ["OfferedAt"] = r.OfferedAt,
            ["AcceptedAt"] = r.AcceptedAt,
            ["ClosedAt"] = r.ClosedAt,
            ["Passed"] = JsonSerializer.Serialize(r.Passed, SupportJson.Default.IReadOnlyListString),
            ["Timer"] = r.Timer.ToString(),
            ["DueAt"] = r.DueAt,
            ["Purged"] = r.Purged,
        };
        Person(entity, "Requester", r.Requester);
        Person(entity, "Supporter", r.Supporter);
        Person(entity, "EscalatedTo", r.EscalatedTo);
        if (r.Details is { } details)
            entity["Details"] = protector.Protect(JsonSerializer.Serialize(details, SupportJson.Default.SupportDetails), r.Id);
        return entity;
    }

    private SupportRequest FromEntity(TableEntity e, bool withDetails = true) => new()
    {
        Id = e.RowKey,
        Tier = Enum.TryParse<SupportTier>(e.GetString("Tier"), out var tier) ? tier : SupportTier.NotSure,
        Urgent = e.GetBoolean("Urgent") ?? false,
        Status = Enum.TryParse<SupportStatus>(e.GetString("Status"), out var status) ? status : SupportStatus.New,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        OfferedAt = e.GetDateTimeOffset("OfferedAt"),
        AcceptedAt = e.GetDateTimeOffset("AcceptedAt"),
        ClosedAt = e.GetDateTimeOffset("ClosedAt"),
        Passed = JsonSerializer.Deserialize(e.GetString("Passed") ?? "[]", SupportJson.Default.IReadOnlyListString) ?? [],
        Timer = Enum.TryParse<SupportTimer>(e.GetString("Timer"), out var timer) ? timer : SupportTimer.None,
        DueAt = e.GetDateTimeOffset("DueAt"),
        Purged = e.GetBoolean("Purged") ?? false,
        Requester = Person(e, "Requester"),
        Supporter = Person(e, "Supporter"),
        EscalatedTo = Person(e, "EscalatedTo"),
        Details = withDetails && e.GetString("Details") is { } stored
            ? JsonSerializer.Deserialize(protector.Unprotect(stored, e.RowKey), SupportJson.Default.SupportDetails)
            : null,
        DetailsRead = withDetails,
        ETag = e.ETag,
    };

    // People are stored by channel and id; the requester's display name is a detail and lives encrypted.
    private static void Person(TableEntity entity, string prefix, UserRef? person)
    {
        if (person is null) return;
        entity[prefix + "Channel"] = person.Channel;
        entity[prefix + "Id"] = person.Id;
        if (prefix != "Requester") entity[prefix + "Name"] = person.Name;
    }

    private static UserRef? Person(TableEntity entity, string prefix) =>
        entity.GetString(prefix + "Id") is { Length: > 0 } id
            ? new UserRef(entity.GetString(prefix + "Channel") ?? "", id, entity.GetString(prefix + "Name") ?? "")
            : null;
}

[System.Text.Json.Serialization.JsonSerializable(typeof(SupportDetails))]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class SupportJson : System.Text.Json.Serialization.JsonSerializerContext;
