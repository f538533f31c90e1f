using WellnessBot.Dialogs.Resources;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.CoordinatorsConsole;

public enum CatalogEditResult { Saved, Unchanged, SomeoneSavedFirst, NotFound, Refused }

/// <summary>
/// One change to the catalog from a console form: applied to the version in use, checked by the loader's own
/// validation, saved as the next version (refused if someone saved since the form was opened), put in use here at
/// once, and audited.
/// </summary>
internal sealed class CatalogEditor(CatalogStore store, CatalogSource source, ConsoleAudit audit)
{
    /// <summary>The catalog in use: the store's version, or the file before the first one (version 0).</summary>
    public async Task<(string Text, int Version)> CurrentAsync(CancellationToken ct) =>
        await store.CurrentAsync(ct).ConfigureAwait(false) is { } stored ? (stored.Text, stored.Number) : (source.LastFile?.Text ?? "{}", 0);

    /// <param name="change">The new catalog text from the current one; null when what it changes is not there.</param>
    public async Task<(CatalogEditResult Result, IReadOnlyList<string> Problems)> SaveAsync(
        UserRef who, int basedOn, Func<string, string?> change, string what, CancellationToken ct)
    {
        var (text, version) = await CurrentAsync(ct).ConfigureAwait(false);
        if (version != basedOn) return (CatalogEditResult.SomeoneSavedFirst, []);
        if (change(text) is not { } changed) return (CatalogEditResult.NotFound, []);
        try
        {
            var (result, saved) = await store.SaveAsync(changed, basedOn, who.Name, what, ct).ConfigureAwait(false);
            if (result == CatalogSave.SomeoneSavedFirst) return (CatalogEditResult.SomeoneSavedFirst, []);
            if (result == CatalogSave.Unchanged || saved is null) return (CatalogEditResult.Unchanged, []);
            source.Use(saved.Text, saved.Hash); // in use here at once; other instances within Resources:ReloadCheckSeconds
            await audit.RecordAsync(who, $"{what} (catalog version {saved.Number})", ct).ConfigureAwait(false);
            return (CatalogEditResult.Saved, []);
        }
        catch (CatalogException ex)
        {
            return (CatalogEditResult.Refused, ex.Problems);
        }
    }
}
