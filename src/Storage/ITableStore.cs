using Azure;

namespace WellnessBot.Storage;

/// <summary>
/// The table store: one per process, shared by every feature. Which backend runs (embedded SQLite or
/// Azure Table Storage) is a configuration choice that domain code never sees.
/// </summary>
public interface ITableStore : IAsyncDisposable
{
    /// <summary>"Sqlite" or "AzureTables", for health reports and logs.</summary>
    string ProviderName { get; }

    /// <summary>Where the data lives, safe to log: a file path or an endpoint, never a key.</summary>
    string Location { get; }

    /// <summary>A client for one table. Table names follow the Table service's rule: a letter, then 2–62 letters or digits.</summary>
    ITableClient GetTableClient(string tableName);

    /// <summary>Answers whether the store can be reached now; never throws for an outage.</summary>
    Task<StoreHealth> CheckHealthAsync(CancellationToken ct = default);
}

public sealed record StoreHealth(bool IsHealthy, string Description);

/// <summary>How an upsert or update treats properties already stored.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep stored properties the new entity does not mention.</summary>
    Merge,
    /// <summary>The stored entity becomes exactly the new one.</summary>
    Replace,
}

/// <summary>Operations on one table, shaped after Azure.Data.Tables' TableClient.</summary>
public interface ITableClient
{
    string Name { get; }

    /// <summary>Creates the table if it does not exist; cheap to call again.</summary>
    Task CreateIfNotExistsAsync(CancellationToken ct = default);

    /// <summary>The entity, or null when there is none with those keys.</summary>
    Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken ct = default);

    /// <summary>Adds a new entity; throws <see cref="EntityAlreadyExistsException"/> if one with those keys exists.</summary>
    Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken ct = default);

    /// <summary>Inserts, or replaces/merges whatever is stored, regardless of its version.</summary>
    Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default);

    /// <summary>
    /// Updates only if the stored version is <paramref name="ifMatch"/> (or any version with <see cref="ETag.All"/>).
    /// Throws <see cref="ConcurrencyConflictException"/> on a version mismatch and <see cref="EntityNotFoundException"/> when there is no entity.
    /// </summary>
    Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default);

    /// <summary>
    /// Deletes the entity (only that version unless <paramref name="ifMatch"/> is omitted or <see cref="ETag.All"/>).
    /// Returns false when there was nothing to delete; throws <see cref="ConcurrencyConflictException"/> on a version mismatch.
    /// </summary>
    Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken ct = default);

    /// <summary>One page of results, in partition-then-row key order, and a token for the next page (null at the end).</summary>
    Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken ct = default);

    /// <summary>Runs all actions atomically (same partition, at most 100): every one succeeds or none is written.</summary>
    Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default);
}

public sealed record TablePage(IReadOnlyList<TableEntity> Entities, string? ContinuationToken);

public static class TableClientExtensions
{
    /// <summary>Every matching entity, fetched page by page as the caller reads.</summary>
    public static async IAsyncEnumerable<TableEntity> QueryAsync(
        this ITableClient table, TableQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        string? token = null;
        do
        {
            var page = await table.QueryPageAsync(query, token, ct).ConfigureAwait(false);
            foreach (var entity in page.Entities)
                yield return entity;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    public static async Task<List<TableEntity>> QueryAllAsync(this ITableClient table, TableQuery query, CancellationToken ct = default)
    {
        var all = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(query, ct).ConfigureAwait(false))
            all.Add(entity);
        return all;
    }
}
