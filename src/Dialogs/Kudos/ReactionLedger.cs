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
    /// Records an event; false when a later one for the same reaction was already recorded, and this one is out of date.
    /// </summary>
    public async Task<bool> RecordAsync(string reactionId, ReactionSeen seen, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.Reaction(reactionId);
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            var current = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
            if (current?.GetInt64("At") is { } at && at > seen.At) return false;
            var entity = new TableEntity(pk, rk) { ["At"] = seen.At, ["Added"] = seen.Added, ["Author"] = seen.AuthorId, ["Quote"] = seen.Quote };
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

    /// <summary>Forgets a reaction's record (a privacy erasure); true when there was one.</summary>
    public Task<bool> ForgetAsync(string reactionId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.Reaction(reactionId);
        return _table.DeleteEntityAsync(pk, rk, Azure.ETag.All, ct);
    }

    /// <summary>The last event recorded for a reaction; null when none was.</summary>
    public async Task<ReactionSeen?> LatestAsync(string reactionId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.Reaction(reactionId);
        var row = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return row?.GetInt64("At") is { } at ? new ReactionSeen(at, row.GetBoolean("Added") == true, row.GetString("Author"), row.GetString("Quote")) : null;
    }
}

/// <summary>
/// A reaction event as recorded: when the channel stamped it (microseconds since 1970), added or removed, and for an
/// accepted add, whose message and its short quote, so that whichever turn settles the kudos can give it.
/// </summary>
public sealed record ReactionSeen(long At, bool Added, string? AuthorId = null, string? Quote = null);
