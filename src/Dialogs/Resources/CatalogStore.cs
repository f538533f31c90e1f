using System.Security.Cryptography;
using System.Text;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Resources;

/// <summary>One saved version of the catalog: its number, text, who saved it, when, and how (edited, imported, reverted).</summary>
public sealed record CatalogVersion(int Number, string Text, string Hash, string By, DateTimeOffset At, string Note);

public enum CatalogSave { Saved, Unchanged, SomeoneSavedFirst }

/// <summary>
/// The resource catalog in the table store: every version kept (newest first), and the one in use, which every
/// instance reads. A save is checked first (the loader's own validation) and refused if someone saved since the
/// version it started from. The text is split across properties: the Table service keeps 32K characters a property.
/// </summary>
public sealed class CatalogStore(ITableStore store, TimeProvider clock)
{
    /// <summary>What one entity holds comfortably (the service's limit is 1 MiB an entity, two bytes a character).</summary>
    public const int MaxStoredCharacters = 400_000;
    private const int ChunkCharacters = 30_000;
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.CatalogTable);

    public static string HashOf(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public async Task<CatalogVersion?> CurrentAsync(CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.CatalogCurrent();
        return await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false) is { } row ? Read(row) : null;
    }

    /// <summary>The versions, newest first (at most <paramref name="count"/>).</summary>
    public async Task<List<CatalogVersion>> HistoryAsync(int count, CancellationToken ct)
    {
        var page = await _table.QueryPageAsync(TableQuery.InPartition(StorageKeys.CatalogPartition).RowKeyStartsWith(StorageKeys.CatalogVersionsPrefix) with { PageSize = count }, ct: ct).ConfigureAwait(false);
        return [.. page.Entities.Select(Read)];
    }

    public async Task<CatalogVersion?> VersionAsync(int number, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.CatalogVersion(number);
        return await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false) is { } row ? Read(row) : null;
    }

    /// <summary>
    /// Saves <paramref name="text"/> as the next version after <paramref name="basedOn"/> (0: the first). Throws
    /// <see cref="CatalogException"/> when the loader would refuse it; nothing is saved then.
    /// </summary>
    public async Task<(CatalogSave Result, CatalogVersion? Saved)> SaveAsync(string text, int basedOn, string by, string note, CancellationToken ct)
    {
        if (text.Length > MaxStoredCharacters) throw new CatalogException("the catalog", [$"it is {text.Length:N0} characters; the store keeps up to {MaxStoredCharacters:N0}"]);
        CatalogReader.Parse(text, "the catalog");
        var (pk, rk) = StorageKeys.CatalogCurrent();
        var current = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        var currentNumber = (int)(current?.GetInt64("Number") ?? 0);
        if (currentNumber != basedOn) return (CatalogSave.SomeoneSavedFirst, current is null ? null : Read(current));
        var hash = HashOf(text);
        if (current?.GetString("Hash") == hash) return (CatalogSave.Unchanged, Read(current));
        var version = new CatalogVersion(currentNumber + 1, text, hash, by, clock.GetUtcNow(), note);
        var (vpk, vrk) = StorageKeys.CatalogVersion(version.Number);
        try
        {
            await _table.AddEntityAsync(Write(new TableEntity(vpk, vrk), version), ct).ConfigureAwait(false);
            var now = Write(new TableEntity(pk, rk), version);
            if (current is null) await _table.AddEntityAsync(now, ct).ConfigureAwait(false);
            else await _table.UpdateEntityAsync(now, current.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EntityAlreadyExistsException or ConcurrencyConflictException)
        {
            return (CatalogSave.SomeoneSavedFirst, await CurrentAsync(ct).ConfigureAwait(false));
        }
        return (CatalogSave.Saved, version);
    }

    private static TableEntity Write(TableEntity entity, CatalogVersion version)
    {
        entity["Number"] = (long)version.Number;
        entity["Hash"] = version.Hash;
        entity["By"] = version.By;
        entity["At"] = version.At;
        entity["Note"] = version.Note;
        var chunks = (version.Text.Length + ChunkCharacters - 1) / ChunkCharacters;
        entity["Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
            entity["Text" + i] = version.Text.Substring(i * ChunkCharacters, Math.Min(ChunkCharacters, version.Text.Length - i * ChunkCharacters));
        return entity;
    }

    private static CatalogVersion Read(TableEntity row)
    {
        var chunks = (int)(row.GetInt64("Chunks") ?? 0);
        var text = string.Concat(Enumerable.Range(0, chunks).Select(i => row.GetString("Text" + i) ?? ""));
        return new CatalogVersion((int)(row.GetInt64("Number") ?? 0), text, row.GetString("Hash") ?? "", row.GetString("By") ?? "", row.GetDateTimeOffset("At") ?? default, row.GetString("Note") ?? "");
    }
}
