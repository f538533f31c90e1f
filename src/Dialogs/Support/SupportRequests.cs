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
    private readonly SupportRequestRows _rows = new(protector);

    /// <summary>
    /// Stores a new request. Duplicate: a request with this id exists already (a double-submitted form).
    /// ReferenceTaken: another request's reference is the same, so this id cannot be used (the caller derives the next).
    /// </summary>
    public async Task<Creation> CreateAsync(SupportRequest request, CancellationToken ct)
    {
        var sameReference = TableQuery.InPartition(StorageKeys.SupportRequestsPartition).RowKeyStartsWith(request.Reference);
        var taken = false;
        await foreach (var row in _requests.QueryAsync(sameReference, ct).ConfigureAwait(false))
        {
            if (row.RowKey == request.Id) return Creation.Duplicate;
            taken = true;
        }
        if (taken) return Creation.ReferenceTaken;
        if (request.DueAt is { } due)
            await _requests.UpsertEntityAsync(TimerRow(due, request.Id), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        try
        {
            await _requests.AddEntityAsync(ToEntity(request), ct).ConfigureAwait(false);
            return Creation.Created;
        }
        catch (EntityAlreadyExistsException)
        {
            return Creation.Duplicate;
        }
    }

    public enum Creation { Created, Duplicate, ReferenceTaken }

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

    /// <summary>The requester's open requests (newest last), found by their keyed index under every key, never by their id.</summary>
    public async Task<List<SupportRequest>> OpenForAsync(UserRef requester, CancellationToken ct)
    {
        var queries = protector.IndexesOf(requester.Key)
            .Select(index => TableQuery.InPartition(StorageKeys.SupportRequestsPartition).Where(SupportRequestRows.RequesterIndexColumn, FilterOperator.Equal, index))
            .Append(SupportRequestRows.PlainRequesterQuery(requester)); // rows not yet resealed
        var found = new List<SupportRequest>();
        foreach (var query in queries)
            await foreach (var entity in _requests.QueryAsync(query, ct).ConfigureAwait(false))
                if (FromEntity(entity) is { IsOpen: true } open && open.Requester?.Key == requester.Key && found.All(f => f.Id != open.Id)) found.Add(open);
        found.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return found;
    }

    /// <summary>
    /// Rewrites, sealed, any request stored before who asked and the urgency were encrypted. Returns how many; a row
    /// that cannot be read (its key is gone) is left for when it can.
    /// </summary>
    public async Task<int> ResealPlainAsync(CancellationToken ct)
    {
        var resealed = 0;
        var plain = new List<string>();
        await foreach (var entity in _requests.QueryAsync(TableQuery.InPartition(StorageKeys.SupportRequestsPartition), ct).ConfigureAwait(false))
            if (SupportRequestRows.HoldsPlainFacts(entity)) plain.Add(entity.RowKey);
        foreach (var id in plain)
        {
            try
            {
                if (await GetAsync(id, ct).ConfigureAwait(false) is { } request && await TryUpdateAsync(request, request, ct).ConfigureAwait(false) is not null)
                    resealed++;
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or System.Text.Json.JsonException)
            {
                // Unreadable now: the timers report it; it is resealed once its key is back.
            }
        }
        return resealed;
    }

    private static TableEntity TimerRow(DateTimeOffset due, string requestId)
    {
        var (pk, rk) = StorageKeys.SupportTimer(due, requestId);
        return new TableEntity(pk, rk);
    }

    private TableEntity ToEntity(SupportRequest r) => _rows.ToEntity(r);

    private SupportRequest FromEntity(TableEntity e, bool withDetails = true) => _rows.FromEntity(e, withDetails);
}
