using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>
/// The last reaction event seen for one person's emoji on one message. Slack's reaction_added and reaction_removed
/// can be run side by side, or arrive out of order; what counts is the one Slack stamped last (event_ts), so a
/// kudos is never left standing after its reaction was taken away.
/// </summary>
public sealed class ReactionLedger(ITableStore store)
{
    private const int MaxTries = 5;
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.KudosTable);

    /// <summary>
    /// Records an event stamped <paramref name="at"/> (microseconds since 1970); false when a later one for the same
    /// reaction was already recorded, and this one is out of date.
    /// </summary>
    public async Task<bool> RecordAsync(string reactionId, long at, bool added, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.Reaction(reactionId);
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            var current = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
            if (current?.GetInt64("At") is { } seen && seen > at) return false;
            var entity = new TableEntity(pk, rk) { ["At"] = at, ["Added"] = added };
            try
            {
                if (current is null) await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
                else await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is EntityAlreadyExistsException or ConcurrencyConflictException)
            {
                // The other event of the pair wrote first: read it and compare again.
            }
        }
        return false;
    }

    /// <summary>Whether the latest event recorded for the reaction is a removal later than <paramref name="at"/>.</summary>
    public async Task<bool> RemovedSinceAsync(string reactionId, long at, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.Reaction(reactionId);
        var current = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return current?.GetBoolean("Added") == false && current.GetInt64("At") > at;
    }
}
