using System.Text.Json;
using Azure;
using WellnessBot.Dialogs.Support;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Outbox;

/// <summary>A letter waiting in the outbox, with what its row needs for the next change: its keys, tries so far, when it is next due, its version.</summary>
public sealed record WaitingLetter(string PartitionKey, string WaitingRow, string SentRow, OutboxLetter? Letter, int Attempts, DateTimeOffset DueAt, ETag ETag);

/// <summary>
/// The outbox's rows. A letter waits in its shard under "p|" until it has gone, then one transaction swaps it for a
/// small "d|" record of how it went (no message kept). The letter is encrypted: it may be a support offer with a
/// requester's phone number, or a kudos' words.
/// </summary>
internal sealed class OutboxRows(ITableStore store, DetailsProtector protector)
{
    private const int SliceChars = 30_000, MaxSlices = 8; // a property holds 64 KiB on Azure
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.OutboxTable);

    /// <summary>How a letter sent earlier went, or null when it has not gone yet (or was never asked for).</summary>
    public async Task<Delivery?> SentAsync(string onceKey, CancellationToken ct)
    {
        var (pk, _, sentRow) = StorageKeys.OutboxMessage(protector.OutboxKey(onceKey));
        return await _table.GetEntityAsync(pk, sentRow, ct).ConfigureAwait(false) is { } e ? ReadResult(e) : null;
    }

    /// <summary>Writes a new letter, this instance's until <paramref name="heldUntil"/>. Null when it is already waiting.</summary>
    public async Task<WaitingLetter?> AddAsync(string onceKey, OutboxLetter letter, DateTimeOffset heldUntil, CancellationToken ct)
    {
        var (pk, waitingRow, sentRow) = StorageKeys.OutboxMessage(protector.OutboxKey(onceKey));
        var entity = new TableEntity(pk, waitingRow) { ["Attempts"] = 1, ["DueAt"] = heldUntil };
        var sealedLetter = protector.Protect(JsonSerializer.Serialize(letter, OutboxJson.Default.OutboxLetter), waitingRow);
        if (sealedLetter.Length > SliceChars * MaxSlices) throw new ArgumentException("The message is larger than the outbox keeps.", nameof(letter));
        for (var i = 0; i * SliceChars < sealedLetter.Length; i++)
            entity["Letter" + i] = sealedLetter.Substring(i * SliceChars, Math.Min(SliceChars, sealedLetter.Length - i * SliceChars));
        try
        {
            var etag = await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
            return new WaitingLetter(pk, waitingRow, sentRow, letter, 1, heldUntil, etag);
        }
        catch (EntityAlreadyExistsException)
        {
            return null;
        }
    }

    public async Task<WaitingLetter?> WaitingAsync(string onceKey, CancellationToken ct)
    {
        var (pk, waitingRow, _) = StorageKeys.OutboxMessage(protector.OutboxKey(onceKey));
        return await _table.GetEntityAsync(pk, waitingRow, ct).ConfigureAwait(false) is { } e ? Read(e) : null;
    }

    /// <summary>Letters due another try (their wait is over, or the instance sending them died), oldest due first.</summary>
    public async Task<List<WaitingLetter>> DueAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        var due = new List<WaitingLetter>();
        for (var shard = 0; shard < StorageKeys.OutboxShards && due.Count < max; shard++)
        {
            var query = TableQuery.InPartition(StorageKeys.OutboxShard(shard))
                .RowKeyStartsWith(StorageKeys.OutboxWaitingRows)
                .Where("DueAt", FilterOperator.LessThan, now).Take(max);
            await foreach (var entity in _table.QueryAsync(query, ct).ConfigureAwait(false))
            {
                due.Add(Read(entity));
                if (due.Count >= max) break;
            }
        }
        return [.. due.OrderBy(l => l.DueAt)];
    }

    /// <summary>
    /// Makes the letter this instance's until <paramref name="until"/>, counting one more try when <paramref name="attempt"/>,
    /// if nobody changed it since it was read. Null when another instance has it, or it has gone.
    /// </summary>
    public async Task<WaitingLetter?> TryHoldAsync(WaitingLetter letter, DateTimeOffset until, bool attempt, CancellationToken ct)
    {
        var held = letter with { Attempts = letter.Attempts + (attempt ? 1 : 0), DueAt = until };
        var hold = new TableEntity(letter.PartitionKey, letter.WaitingRow) { ["Attempts"] = held.Attempts, ["DueAt"] = until };
        try
        {
            return held with { ETag = await _table.UpdateEntityAsync(hold, letter.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false) };
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or EntityNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The letter has gone (or never will): its row gives way to the record of how it went, in one transaction.</summary>
    public Task FinishAsync(WaitingLetter letter, string outcome, DateTimeOffset at, CancellationToken ct)
    {
        var record = new TableEntity(letter.PartitionKey, letter.SentRow) { ["Outcome"] = outcome, ["DoneAt"] = at };
        return _table.SubmitTransactionAsync(
        [
            TableTransactionAction.Delete(new TableEntity(letter.PartitionKey, letter.WaitingRow), ETag.All),
            TableTransactionAction.Upsert(record, TableUpdateMode.Replace),
        ], ct);
    }

    /// <summary>How a letter that never waited went: its record alone.</summary>
    public Task RecordSentAsync(string onceKey, string outcome, DateTimeOffset at, CancellationToken ct)
    {
        var (pk, _, sentRow) = StorageKeys.OutboxMessage(protector.OutboxKey(onceKey));
        return _table.UpsertEntityAsync(new TableEntity(pk, sentRow) { ["Outcome"] = outcome, ["DoneAt"] = at }, TableUpdateMode.Replace, ct);
    }

    /// <summary>Records of letters sent before <paramref name="before"/> go: nothing runs those turns again by then.</summary>
    public async Task<int> ForgetSentAsync(DateTimeOffset before, CancellationToken ct)
    {
        var forgotten = 0;
        for (var shard = 0; shard < StorageKeys.OutboxShards; shard++)
        {
            var query = TableQuery.InPartition(StorageKeys.OutboxShard(shard))
                .RowKeyStartsWith(StorageKeys.OutboxSentRows).Where("DoneAt", FilterOperator.LessThan, before);
            foreach (var entity in await _table.QueryAllAsync(query, ct).ConfigureAwait(false))
                if (await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, ct).ConfigureAwait(false)) forgotten++;
        }
        return forgotten;
    }

    private static Delivery ReadResult(TableEntity e) => e.GetString("Outcome") == nameof(Delivery.Sent) ? Delivery.Sent : Delivery.Unreachable;

    /// <summary>A letter that cannot be read (its key is gone, it was altered) comes back without one: it is given up on, never sent wrong.</summary>
    private WaitingLetter Read(TableEntity e)
    {
        OutboxLetter? letter = null;
        try
        {
            var sealedLetter = string.Concat(Enumerable.Range(0, MaxSlices).Select(i => e.GetString("Letter" + i)).TakeWhile(s => s is not null));
            letter = JsonSerializer.Deserialize(protector.Unprotect(sealedLetter, e.RowKey), OutboxJson.Default.OutboxLetter);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or JsonException or NotSupportedException)
        {
        }
        var sentRow = StorageKeys.OutboxSentRows + e.RowKey[StorageKeys.OutboxWaitingRows.Length..];
        return new WaitingLetter(e.PartitionKey, e.RowKey, sentRow, letter, e.GetInt32("Attempts") ?? 1, e.GetDateTimeOffset("DueAt") ?? DateTimeOffset.MinValue, e.ETag);
    }
}
