using Azure;
using WellnessBot.Dialogs;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Hosting;

/// <summary>A request in the inbox, with what its row needs for the next change (lease, completion).</summary>
internal sealed record InboxItem(QueuedRequest Request, string RequestId, int Attempts, DateTimeOffset LeaseUntil, ETag ETag);

/// <summary>
/// The turn inbox: every request an edge acknowledged, in the table store, until its turn has run. A row is written
/// before the edge answers; an instance leases it (ETag-checked) before running it and deletes it after, so a turn
/// whose instance died is found again once its lease ends. The body is kept as received, in slices that fit the
/// store's property limit (Azure: 64 KiB a property).
/// </summary>
internal sealed class TurnInbox(ITableStore store)
{
    private const int SliceChars = 30_000;
    private const int MaxSlices = 16;
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.InboxTable);

    /// <summary>Largest body the inbox keeps; the edges' own limits are below it.</summary>
    public const int MaxBodyChars = SliceChars * MaxSlices;

    /// <summary>Writes a new request, reserved for this instance until <paramref name="reservedUntil"/>. Null when it is already there (a redelivery).</summary>
    public async Task<InboxItem?> AddAsync(QueuedRequest request, string requestId, DateTimeOffset reservedUntil, CancellationToken ct)
    {
        if (request.Body.Length > MaxBodyChars) throw new ArgumentException("The request is larger than the inbox keeps.", nameof(request));
        var item = new InboxItem(request, requestId, 0, reservedUntil, default);
        try
        {
            return item with { ETag = await _table.AddEntityAsync(ToEntity(item), ct).ConfigureAwait(false) };
        }
        catch (EntityAlreadyExistsException)
        {
            return null;
        }
    }

    /// <summary>
    /// Takes a request to run it now: its lease moves to <paramref name="until"/> and its attempts go up by one, if
    /// nobody changed it since <paramref name="item"/> was read. Null when another instance took it first, or it is done.
    /// </summary>
    public async Task<InboxItem?> TryLeaseAsync(InboxItem item, DateTimeOffset until, CancellationToken ct)
    {
        var leased = item with { Attempts = item.Attempts + 1, LeaseUntil = until };
        try
        {
            return leased with { ETag = await _table.UpdateEntityAsync(ToEntity(leased), item.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false) };
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or EntityNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Requests whose lease has ended (their instance died, or never got to them), urgent first, oldest first.</summary>
    public async Task<List<InboxItem>> LapsedAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        var found = new List<TableEntity>();
        for (var shard = 0; shard < StorageKeys.InboxShards && found.Count < max; shard++)
        {
            var query = TableQuery.InPartition(StorageKeys.InboxShard(shard)).Where("LeaseUntil", FilterOperator.LessThan, now);
            await foreach (var entity in _table.QueryAsync(query, ct).ConfigureAwait(false))
            {
                found.Add(entity);
                if (found.Count >= max) break;
            }
        }
        return [.. found.Select(Read).OrderByDescending(i => i.Request.Urgent).ThenBy(i => i.Request.ReceivedAt)];
    }

    /// <summary>The turn has run (or will never run): the row goes.</summary>
    public Task CompleteAsync(InboxItem item, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.InboxRequest(item.Request.Channel, item.RequestId);
        return _table.DeleteEntityAsync(pk, rk, ETag.All, ct);
    }

    private static TableEntity ToEntity(InboxItem item)
    {
        var (request, (pk, rk)) = (item.Request, StorageKeys.InboxRequest(item.Request.Channel, item.RequestId));
        var entity = new TableEntity(pk, rk)
        {
            ["Channel"] = request.Channel, ["Kind"] = request.Kind, ["ReceivedAt"] = request.ReceivedAt, ["Urgent"] = request.Urgent,
            ["RequestId"] = item.RequestId, ["Attempts"] = item.Attempts, ["LeaseUntil"] = item.LeaseUntil,
        };
        for (var i = 0; i * SliceChars < request.Body.Length; i++)
            entity["Body" + i] = request.Body.Substring(i * SliceChars, Math.Min(SliceChars, request.Body.Length - i * SliceChars));
        return entity;
    }

    private static InboxItem Read(TableEntity e)
    {
        var body = string.Concat(Enumerable.Range(0, MaxSlices).Select(i => e.GetString("Body" + i)).TakeWhile(s => s is not null));
        var request = new QueuedRequest(e.GetString("Channel") ?? "", e.GetString("Kind") ?? "", body, e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue)
        {
            Urgent = e.GetBoolean("Urgent") ?? false,
        };
        return new InboxItem(request, e.GetString("RequestId") ?? "", e.GetInt32("Attempts") ?? 0, e.GetDateTimeOffset("LeaseUntil") ?? DateTimeOffset.MinValue, e.ETag);
    }
}
