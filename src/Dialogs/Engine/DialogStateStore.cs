using Azure;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Engine;

/// <summary>
/// A person's unfinished dialog in one conversation, as stored. <see cref="OnHold"/>: put aside when a crisis
/// message came while it waited; it is not continued by the next message, only by its own card's buttons.
/// </summary>
public sealed record SavedDialog(string Name, int Version, string StateJson, DateTimeOffset ExpiresAt, ETag ETag, bool OnHold = false);

/// <summary>
/// Dialog state lives in the table store, so it survives restarts and any instance can continue it. Writes are
/// ETag-checked: when two messages race, the second write fails instead of silently overwriting the first.
/// </summary>
public sealed class DialogStateStore(ITableStore store, TimeProvider clock)
{
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.DialogStateTable);

    public async Task<SavedDialog?> LoadAsync(ConversationRef conversation, UserRef user, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.DialogState(conversation, user);
        var entity = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        if (entity is null) return null;
        var saved = new SavedDialog(
            entity.GetString("Dialog") ?? "",
            entity.GetInt32("Version") ?? 0,
            entity.GetString("State") ?? "{}",
            entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
            entity.ETag,
            entity.GetBoolean("OnHold") ?? false);
        if (saved.ExpiresAt > clock.GetUtcNow()) return saved;

        // Abandoned: forget it quietly; a newer write (another turn) wins over this clean-up.
        await ForgetAsync(conversation, user, saved.ETag, ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>Saves the dialog's next state. Returns false when another turn changed it first.</summary>
    public async Task<bool> SaveAsync(ConversationRef conversation, UserRef user, string dialog, int version, string stateJson,
        TimeSpan lifetime, SavedDialog? previous, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.DialogState(conversation, user);
        var entity = new TableEntity(pk, rk)
        {
            ["Dialog"] = dialog,
            ["Version"] = version,
            ["State"] = stateJson,
            ["ExpiresAt"] = clock.GetUtcNow() + lifetime,
        };
        try
        {
            if (previous is null) await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
            else await _table.UpdateEntityAsync(entity, previous.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or EntityAlreadyExistsException or EntityNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Puts a waiting dialog aside: kept as it was, but no longer continued by the next message.</summary>
    public async Task<bool> HoldAsync(ConversationRef conversation, UserRef user, SavedDialog saved, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.DialogState(conversation, user);
        var entity = new TableEntity(pk, rk)
        {
            ["Dialog"] = saved.Name,
            ["Version"] = saved.Version,
            ["State"] = saved.StateJson,
            ["ExpiresAt"] = saved.ExpiresAt,
            ["OnHold"] = true,
        };
        try
        {
            await _table.UpdateEntityAsync(entity, saved.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or EntityNotFoundException)
        {
            return false;
        }
    }

    public async Task ForgetAsync(ConversationRef conversation, UserRef user, ETag etag, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.DialogState(conversation, user);
        try
        {
            await _table.DeleteEntityAsync(pk, rk, etag, ct).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            // Another turn already moved the dialog on; its state stands.
        }
    }
}
