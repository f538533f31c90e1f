using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>
/// Kudos in the table store. The month row is written first and is the truth (the digest reads only it), so a
/// kudos is never lost; recipient index rows are written after it and skipped if they point nowhere.
/// A kudos' id comes from its idempotency key, so a double-submitted card or a redelivered message adds nothing.
/// </summary>
public sealed class KudosStore(ITableStore store)
{
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.KudosTable);

    public static string IdFor(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..IdLength];

    private const int IdLength = 20;

    /// <summary>Whether text is shaped like an id <see cref="IdFor"/> makes (a card's data may be forged).</summary>
    public static bool IsId(string? text) => text is { Length: IdLength } && text.All(char.IsAsciiHexDigitLower);

    /// <summary>A month whose kudos this process just changed (given, edited, hidden, withdrawn): for views kept in memory.</summary>
    public event Action<Month>? MonthChanged;

    /// <summary>Saves a new kudos; returns the stored one and whether it was new (false: this was a repeat).</summary>
    public async Task<(KudosRecord Kudos, bool Created)> AddAsync(KudosRecord kudos, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.Kudos(kudos.Month, kudos.Id);
        try
        {
            await _table.AddEntityAsync(ToEntity(pk, rk, kudos), ct).ConfigureAwait(false);
        }
        catch (EntityAlreadyExistsException)
        {
            var existing = await GetAsync(kudos.Month, kudos.Id, ct).ConfigureAwait(false);
            return (existing ?? kudos, false);
        }
        await WriteIndexesAsync(kudos, ct).ConfigureAwait(false);
        MonthChanged?.Invoke(kudos.Month);
        return (kudos, true);
    }

    public async Task<KudosRecord?> GetAsync(Month month, string id, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.Kudos(month, id);
        var entity = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return entity is null ? null : FromEntity(entity);
    }

    /// <summary>Replaces the message, category and anonymity of a kudos (only that version: ETag-checked).</summary>
    public async Task<KudosRecord?> UpdateAsync(KudosRecord changed, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.Kudos(changed.Month, changed.Id);
        var current = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        if (current is null) return null;
        await _table.UpdateEntityAsync(ToEntity(pk, rk, changed), current.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        MonthChanged?.Invoke(changed.Month);
        return changed;
    }

    /// <summary>Removes a kudos and its index rows. Returns false when it was already gone.</summary>
    public async Task<bool> WithdrawAsync(KudosRecord kudos, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.Kudos(kudos.Month, kudos.Id);
        var deleted = await _table.DeleteEntityAsync(pk, rk, ETag.All, ct).ConfigureAwait(false);
        foreach (var recipient in kudos.Recipients)
        {
            var (ipk, irk) = StorageKeys.KudosByRecipient(recipient, kudos.Month, kudos.Id);
            await _table.DeleteEntityAsync(ipk, irk, ETag.All, ct).ConfigureAwait(false);
        }
        if (deleted) await CountGivenAsync(kudos.Giver, kudos.GivenAt, -1, ct).ConfigureAwait(false);
        MonthChanged?.Invoke(kudos.Month);
        return deleted;
    }

    /// <summary>Every kudos of a month, oldest first: one partition, read as four row-key ranges side by side.</summary>
    public async Task<List<KudosRecord>> MonthAsync(Month month, CancellationToken ct)
    {
        // Ids are hex hashes, spread evenly over 0…f, so four ranges split a big month into even shares.
        string?[] bounds = [null, "4", "8", "c", null];
        var ranges = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var found = new List<KudosRecord>();
            var recipients = new Dictionary<string, IReadOnlyList<UserRef>>(StringComparer.Ordinal);
            var query = TableQuery.InPartition(StorageKeys.KudosMonthPartition(month)).RowKeyBetween(bounds[i], bounds[i + 1]);
            await foreach (var entity in _table.QueryAsync(query, ct).ConfigureAwait(false))
                found.Add(FromEntity(entity, recipients));
            return found;
        }, ct))).ConfigureAwait(false);
        var all = new List<KudosRecord>(ranges.Sum(r => r.Count));
        foreach (var range in ranges) all.AddRange(range);
        all.Sort((a, b) => a.GivenAt.CompareTo(b.GivenAt));
        return all;
    }

    /// <summary>Every kudos a person gave, in any month (for a privacy export or erasure): one filtered read of the month partitions.</summary>
    public Task<List<KudosRecord>> AllGivenByAsync(UserRef giver, CancellationToken ct) =>
        GivenByAsync(TableQuery.PartitionsStartingWith(StorageKeys.KudosMonths), giver, ct);

    /// <summary>Every kudos a person received, in any month, through their recipient index.</summary>
    public Task<List<KudosRecord>> AllReceivedByAsync(UserRef recipient, CancellationToken ct) =>
        FromIndexAsync(StorageKeys.KudosByRecipientPartition(recipient), month: null, ct);

    public Task<List<KudosRecord>> ReceivedAsync(UserRef recipient, Month month, CancellationToken ct) =>
        FromIndexAsync(StorageKeys.KudosByRecipientPartition(recipient), month, ct);

    /// <summary>What someone gave in a month: a filtered read of that month's partition (no index to keep in step).</summary>
    public Task<List<KudosRecord>> GivenAsync(UserRef giver, Month month, CancellationToken ct) =>
        GivenByAsync(TableQuery.InPartition(StorageKeys.KudosMonthPartition(month)), giver, ct);

    private async Task<List<KudosRecord>> GivenByAsync(TableQuery months, UserRef giver, CancellationToken ct)
    {
        var query = months.Where("GiverChannel", FilterOperator.Equal, giver.Channel).Where("GiverId", FilterOperator.Equal, giver.Id);
        var found = new List<KudosRecord>();
        await foreach (var entity in _table.QueryAsync(query, ct).ConfigureAwait(false))
            found.Add(FromEntity(entity));
        found.Sort((a, b) => a.GivenAt.CompareTo(b.GivenAt));
        return found;
    }

    /// <summary>Kudos through a recipient index ("month|id" rows), for one month or (null) all of them.</summary>
    private async Task<List<KudosRecord>> FromIndexAsync(string partition, Month? month, CancellationToken ct)
    {
        var query = TableQuery.InPartition(partition);
        if (month is { } only) query = query.RowKeyStartsWith(StorageKeys.KudosByRecipientMonth(only));
        var found = new List<KudosRecord>();
        await foreach (var row in _table.QueryAsync(query, ct).ConfigureAwait(false))
        {
            if (StorageKeys.KudosPointedAt(row.RowKey) is { } at && await GetAsync(at.Month, at.KudosId, ct).ConfigureAwait(false) is { } kudos)
                found.Add(kudos);
        }
        found.Sort((a, b) => a.GivenAt.CompareTo(b.GivenAt));
        return found;
    }

    /// <summary>
    /// How many kudos someone has given in the whole hours since <paramref name="since"/> (withdrawn ones not
    /// counted): one read of their hourly counts.
    /// </summary>
    public async Task<int> CountGivenSinceAsync(UserRef giver, DateTimeOffset since, CancellationToken ct)
    {
        var count = 0;
        var query = TableQuery.InPartition(StorageKeys.KudosGivenPartition(giver)).RowKeyBetween(StorageKeys.KudosGivenSince(since), null);
        await foreach (var row in _table.QueryAsync(query, ct).ConfigureAwait(false)) count += row.GetInt32("Count") ?? 0;
        return count;
    }

    /// <summary>
    /// Adds <paramref name="by"/> to the giver's count for that hour, ETag-checked. A count is for a limit, not a
    /// ledger: after a few lost races it gives up rather than hold up the kudos.
    /// </summary>
    private async Task CountGivenAsync(UserRef giver, DateTimeOffset at, int by, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.KudosGivenInHour(giver, at);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            try
            {
                if (await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false) is { } row)
                    await _table.UpdateEntityAsync(new TableEntity(pk, rk) { ["Count"] = Math.Max(0, (row.GetInt32("Count") ?? 0) + by) }, row.ETag, TableUpdateMode.Replace, ct)
                        .ConfigureAwait(false);
                else if (by > 0)
                    await _table.AddEntityAsync(new TableEntity(pk, rk) { ["Count"] = by }, ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or EntityAlreadyExistsException or EntityNotFoundException)
            {
                // Another kudos by the same person counted at the same moment: read again.
            }
        }
    }

    private async Task WriteIndexesAsync(KudosRecord kudos, CancellationToken ct)
    {
        await CountGivenAsync(kudos.Giver, kudos.GivenAt, +1, ct).ConfigureAwait(false);
        foreach (var recipient in kudos.Recipients)
        {
            var (pk, rk) = StorageKeys.KudosByRecipient(recipient, kudos.Month, kudos.Id);
            await _table.UpsertEntityAsync(new TableEntity(pk, rk), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        }
    }

    private static IReadOnlyList<UserRef> Recipients(string json, Dictionary<string, IReadOnlyList<UserRef>>? seen)
    {
        if (seen is not null && seen.TryGetValue(json, out var known)) return known;
        IReadOnlyList<UserRef> list = (JsonSerializer.Deserialize(json, KudosJson.Default.ListStoredPerson) ?? [])
            .Select(p => new UserRef(p.Channel, p.Id, p.Name, p.Aad)).ToList().AsReadOnly();
        if (seen is not null) seen[json] = list;
        return list;
    }

    internal sealed record StoredPerson(string Channel, string Id, string Name, string? Aad);

    internal static TableEntity ToEntity(KudosRecord k)
    {
        var (pk, rk) = StorageKeys.Kudos(k.Month, k.Id);
        return ToEntity(pk, rk, k);
    }

    private static TableEntity ToEntity(string pk, string rk, KudosRecord k)
    {
        var entity = Columns(pk, rk, k);
        KudosHidingColumns.Write(entity, k.Hidden);
        return entity;
    }

    private static TableEntity Columns(string pk, string rk, KudosRecord k) => new(pk, rk)
    {
        ["Month"] = k.Month.ToString(),
        ["GiverChannel"] = k.Giver.Channel,
        ["GiverId"] = k.Giver.Id,
        ["GiverName"] = k.Giver.Name,
        ["GiverAad"] = k.Giver.AadObjectId,
        ["Recipients"] = JsonSerializer.Serialize(k.Recipients.Select(r => new StoredPerson(r.Channel, r.Id, r.Name, r.AadObjectId)).ToList(), KudosJson.Default.ListStoredPerson),
        ["Message"] = k.Message,
        ["Category"] = k.Category.ToString(),
        ["Anonymous"] = k.Anonymous,
        ["Quiet"] = k.Quiet,
        ["NotForBreakfast"] = k.NotForBreakfast,
        ["GivenAt"] = k.GivenAt,
        ["EditedAt"] = k.EditedAt,
    };

    /// <param name="recipientsSeen">
    /// While reading a whole month: recipient lists already decoded, by their stored JSON. A month names the same few
    /// hundred people again and again, and decoding each list once took a seventh of a big digest's time.
    /// </param>
    private static KudosRecord FromEntity(TableEntity e, Dictionary<string, IReadOnlyList<UserRef>>? recipientsSeen = null) => new()
    {
        Id = e.RowKey,
        // The row's own partition names its month too: a row whose Month property was damaged still reads.
        Month = Month.TryParseStored(e.GetString("Month"), out var month) ? month : StorageKeys.KudosPartitionMonth(e.PartitionKey),
        Giver = new UserRef(e.GetString("GiverChannel") ?? "", e.GetString("GiverId") ?? "", e.GetString("GiverName") ?? "", e.GetString("GiverAad")),
        Recipients = Recipients(e.GetString("Recipients") ?? "[]", recipientsSeen),
        Message = KudosText.Unmask(e.GetString("Message") ?? ""), // kudos saved before links were unmasked are shown unmasked too
        Category = KudosCategories.Parse(e.GetString("Category")),
        Anonymous = e.GetBoolean("Anonymous") ?? false,
        Quiet = e.GetBoolean("Quiet") ?? false,
        NotForBreakfast = e.GetBoolean("NotForBreakfast") ?? false,
        GivenAt = e.GetDateTimeOffset("GivenAt") ?? DateTimeOffset.MinValue,
        EditedAt = e.GetDateTimeOffset("EditedAt"),
        Hidden = KudosHidingColumns.Read(e),
    };
}

/// <summary>Source-generated JSON for the recipients column: read 50,000 times for a big month's digest.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(List<KudosStore.StoredPerson>))]
internal sealed partial class KudosJson : System.Text.Json.Serialization.JsonSerializerContext;
