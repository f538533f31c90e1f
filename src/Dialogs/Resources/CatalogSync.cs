namespace WellnessBot.Dialogs.Resources;

/// <summary>
/// Keeps every instance on the same catalog: the table store's version in use is the catalog. The catalog file is
/// the seed of a new installation (its content is the first version) and stays an import: an edit to the file while
/// the bot runs becomes the next version. A new image's file does not undo coordinators' edits: what a process reads
/// at start-up is imported only into an empty store.
/// </summary>
public sealed class CatalogSync(CatalogSource source, CatalogStore store, CatalogUpdates updates)
{
    private int _imported = 1; // the read at start-up is not an edit

    public async Task RunAsync(CancellationToken ct)
    {
        await updates.CheckAsync(ct).ConfigureAwait(false); // the file, as read here (a broken edit is reported, not used)
        var stored = await store.CurrentAsync(ct).ConfigureAwait(false);
        if (source.LastFile is { } file && (stored is null || source.FileReads > _imported))
        {
            var reads = source.FileReads;
            var note = stored is null ? "the first version, from the catalog file" : "imported from the edited catalog file";
            try
            {
                var (_, saved) = await store.SaveAsync(file.Text, stored?.Number ?? 0, "the catalog file", note, ct).ConfigureAwait(false);
                stored = saved ?? await store.CurrentAsync(ct).ConfigureAwait(false);
                _imported = reads;
            }
            catch (CatalogException)
            {
                _imported = reads; // too large for the store: the file stays in use on its own
                return;
            }
        }
        if (stored is not null) source.Use(stored.Text, stored.Hash);
    }
}
