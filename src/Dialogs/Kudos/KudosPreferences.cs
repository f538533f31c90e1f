using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>A person's choice to receive (or not) a private note when someone recognises them.</summary>
public sealed class KudosPreferences(ITableStore store)
{
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.SettingsTable);

    public async Task<bool> WantsNotesAsync(UserRef user, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserPreferences(user);
        return (await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false))?.GetBoolean("KudosNotes") ?? true;
    }

    public async Task SetNotesAsync(UserRef user, bool on, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.UserPreferences(user);
        await _table.UpsertEntityAsync(new TableEntity(pk, rk) { ["KudosNotes"] = on }, TableUpdateMode.Merge, ct).ConfigureAwait(false);
    }
}
