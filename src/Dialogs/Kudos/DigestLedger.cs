using Azure;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>
/// The record that makes the monthly digest happen exactly once, whatever the number of instances: a lease on
/// the month (ETag-guarded, so one instance posts at a time), a row per part per channel written *before* the
/// part is sent (a part found "sending" after a crash is never sent again), and the final "posted" mark.
/// </summary>
public sealed class DigestLedger(ITableStore store, TimeProvider clock)
{
    public static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(5);
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.DigestsTable);

    public sealed record State(string Status, DateTimeOffset? PostedAt, bool Late, ETag ETag);

    public async Task<State?> GetAsync(Month month, CancellationToken ct)
    {
        var e = await _table.GetEntityAsync(StorageKeys.DigestPartition(month), StorageKeys.DigestStateRow, ct).ConfigureAwait(false);
        return e is null ? null : new State(e.GetString("Status") ?? "Pending", e.GetDateTimeOffset("PostedAt"), e.GetBoolean("Late") ?? false, e.ETag);
    }

    public async Task<bool> IsPostedAsync(Month month, CancellationToken ct) =>
        (await GetAsync(month, ct).ConfigureAwait(false))?.Status == "Posted";

    /// <summary>Takes the month's lease for <paramref name="owner"/>; false when posted already or another instance holds it.</summary>
    public async Task<bool> TryLeaseAsync(Month month, string owner, CancellationToken ct)
    {
        var pk = StorageKeys.DigestPartition(month);
        var now = clock.GetUtcNow();
        var current = await _table.GetEntityAsync(pk, StorageKeys.DigestStateRow, ct).ConfigureAwait(false);
        var lease = new TableEntity(pk, StorageKeys.DigestStateRow) { ["Status"] = "Posting", ["LeaseOwner"] = owner, ["LeaseUntil"] = now + LeaseLength };
        try
        {
            if (current is null)
            {
                await _table.AddEntityAsync(lease, ct).ConfigureAwait(false);
                return true;
            }
            if (current.GetString("Status") == "Posted") return false;
            var heldBy = current.GetString("LeaseOwner");
            if (heldBy != owner && current.GetDateTimeOffset("LeaseUntil") > now) return false;
            await _table.UpdateEntityAsync(lease, current.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is EntityAlreadyExistsException or ConcurrencyConflictException)
        {
            return false; // another instance got there first
        }
    }

    /// <summary>The part's status: null (never tried), "Sending" (tried, outcome unknown), or "Sent".</summary>
    public async Task<string?> PartStatusAsync(Month month, string row, CancellationToken ct) =>
        (await _table.GetEntityAsync(StorageKeys.DigestPartition(month), row, ct).ConfigureAwait(false))?.GetString("Status");

    public Task MarkPartSendingAsync(Month month, string row, CancellationToken ct) =>
        _table.UpsertEntityAsync(new TableEntity(StorageKeys.DigestPartition(month), row) { ["Status"] = "Sending", ["At"] = clock.GetUtcNow() }, TableUpdateMode.Replace, ct);

    public Task MarkPartSentAsync(Month month, string row, string? messageId, CancellationToken ct) =>
        _table.UpsertEntityAsync(new TableEntity(StorageKeys.DigestPartition(month), row) { ["Status"] = "Sent", ["MessageId"] = messageId, ["At"] = clock.GetUtcNow() }, TableUpdateMode.Replace, ct);

    public async Task MarkPostedAsync(Month month, bool late, CancellationToken ct)
    {
        await _table.UpsertEntityAsync(new TableEntity(StorageKeys.DigestPartition(month), StorageKeys.DigestStateRow)
        {
            ["Status"] = "Posted",
            ["PostedAt"] = clock.GetUtcNow(),
            ["Late"] = late,
            ["LeaseOwner"] = null,
        }, TableUpdateMode.Merge, ct).ConfigureAwait(false);
    }

}

/// <summary>The program channel(s) the digest is posted to, set by coordinators with "digest channel here".</summary>
public sealed class ProgramChannels(ITableStore store)
{
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.SettingsTable);

    public async Task AddAsync(ConversationRef channel, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.ProgramChannel(channel);
        await _table.UpsertEntityAsync(new TableEntity(pk, rk)
        {
            ["Channel"] = channel.Channel, ["Id"] = channel.Id, ["Kind"] = channel.Kind.ToString(), ["TenantId"] = channel.TenantId,
        }, TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    public async Task<List<ConversationRef>> AllAsync(CancellationToken ct)
    {
        var channels = new List<ConversationRef>();
        await foreach (var e in _table.QueryAsync(TableQuery.InPartition(StorageKeys.ProgramChannelsPartition), ct).ConfigureAwait(false))
            channels.Add(new ConversationRef(e.GetString("Channel") ?? "", e.GetString("Id") ?? "",
                Enum.TryParse<ConversationKind>(e.GetString("Kind"), out var kind) ? kind : ConversationKind.Channel, e.GetString("TenantId")));
        return channels;
    }
}
