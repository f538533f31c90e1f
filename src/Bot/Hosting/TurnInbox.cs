using Azure;
using WellnessBot.Dialogs;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Hosting;

/// <summary>A request in the inbox, with what its row needs for the next change (lease, completion).</summary>
internal sealed record InboxItem(QueuedRequest Request, string RequestId, int Attempts, DateTimeOffset LeaseUntil, ETag ETag);

/// <summary>
/// The turn inbox: every request an edge acknowledged, in the table store, until its turn has run. A row is written
/// before the edge answers; an instance leases it (ETag-checked) before running it and deletes it after, so a turn
/// whose instance died is found again once its lease ends. The body is kept as received but encrypted (it may hold
/// a support request's words), in slices that fit the store's property limit (Azure: 64 KiB a property).
/// </summary>
internal sealed class TurnInbox(ITableStore store, WellnessBot.Dialogs.Support.DetailsProtector protector)
{
    private const int SliceChars = 30_000; // 60,000 bytes as UTF-16: under the 64 KiB a property holds
    private const int MaxSlices = 16;
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.InboxTable);

    /// <summary>Largest body the inbox keeps; the edges' own limits are below it.</summary>
    public const int MaxBodyChars = SliceChars * MaxSlices * 3 / 4 - 1_000; // room for the encryption's base64

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
    public Task<InboxItem?> TryLeaseAsync(InboxItem item, DateTimeOffset until, CancellationToken ct) =>
        TryHoldAsync(item with { Attempts = item.Attempts + 1, LeaseUntil = until }, item.ETag, ct);

    /// <summary>Keeps a running turn this instance's until <paramref name="until"/>; null when it is no longer ours.</summary>
    public Task<InboxItem?> TryRenewAsync(InboxItem item, DateTimeOffset until, CancellationToken ct) =>
        TryHoldAsync(item with { LeaseUntil = until }, item.ETag, ct);

    /// <summary>Only the hold changes (a merge, ETag-checked): the body is not sent again.</summary>
    private async Task<InboxItem?> TryHoldAsync(InboxItem held, Azure.ETag ifMatch, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.InboxRequest(held.Request.Channel, held.RequestId);
        var hold = new TableEntity(pk, rk) { ["Attempts"] = held.Attempts, ["LeaseUntil"] = held.LeaseUntil };
        try
        {
            return held with { ETag = await _table.UpdateEntityAsync(hold, ifMatch, TableUpdateMode.Merge, ct).ConfigureAwait(false) };
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
            var query = TableQuery.InPartition(StorageKeys.InboxShard(shard)).Where("LeaseUntil", FilterOperator.LessThan, now).Take(max);
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

    private TableEntity ToEntity(InboxItem item)
    {
        var (request, (pk, rk)) = (item.Request, StorageKeys.InboxRequest(item.Request.Channel, item.RequestId));
        var entity = new TableEntity(pk, rk)
        {
            ["Channel"] = request.Channel, ["Kind"] = request.Kind, ["ReceivedAt"] = request.ReceivedAt, ["Urgent"] = request.Urgent,
            ["RequestId"] = item.RequestId, ["Attempts"] = item.Attempts, ["LeaseUntil"] = item.LeaseUntil,
        };
        // Base64 text: slicing never splits a character.
        var sealedBody = protector.Protect(request.Body, rk);
        for (var i = 0; i * SliceChars < sealedBody.Length; i++)
            entity["Body" + i] = sealedBody.Substring(i * SliceChars, Math.Min(SliceChars, sealedBody.Length - i * SliceChars));
        return entity;
    }

    /// <summary>The body, or nothing when it cannot be read (its key is gone): the turn then fails once, is logged, and goes.</summary>
    private string Unseal(string sealedBody, string rowKey)
    {
        try
        {
            return protector.Unprotect(sealedBody, rowKey);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return "";
        }
    }

    private InboxItem Read(TableEntity e)
    {
        var body = Unseal(string.Concat(Enumerable.Range(0, MaxSlices).Select(i => e.GetString("Body" + i)).TakeWhile(s => s is not null)), e.RowKey);
        var request = new QueuedRequest(e.GetString("Channel") ?? "", e.GetString("Kind") ?? "", body, e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue)
        {
            Urgent = e.GetBoolean("Urgent") ?? false,
        };
        return new InboxItem(request, e.GetString("RequestId") ?? "", e.GetInt32("Attempts") ?? 0, e.GetDateTimeOffset("LeaseUntil") ?? DateTimeOffset.MinValue, e.ETag);
    }
}
