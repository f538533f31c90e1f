using System.Text.Json;
using Azure;
using Sdk = Azure.Data.Tables;

namespace WellnessBot.Storage.AzureTables;

/// <summary>One table through the SDK's <see cref="Sdk.TableClient"/>. Our rules are checked before anything is sent.</summary>
internal sealed class AzureTableClient(AzureTableStore store, Sdk.TableClient table) : ITableClient
{
    private volatile bool _created;

    public string Name => table.Name;

    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        if (_created) return;
        await Run(() => table.CreateIfNotExistsAsync(ct), ct).ConfigureAwait(false);
        _created = true;
    }

    public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken ct = default)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        try
        {
            var response = await table.GetEntityAsync<Sdk.TableEntity>(partitionKey, rowKey, cancellationToken: ct).ConfigureAwait(false);
            return SdkEntities.FromSdk(response.Value);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode != "TableNotFound")
        {
            return null;
        }
        catch (Exception ex) when (Fails(ex, ct))
        {
            throw AzureFailures.Map(ex, store, Name);
        }
    }

    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken ct = default)
    {
        EntityRules.ValidateEntity(entity);
        var response = await Run(() => table.AddEntityAsync(SdkEntities.ToSdk(entity), ct), ct).ConfigureAwait(false);
        return SdkEntities.Stamp(entity, response.Headers.ETag ?? default);
    }

    public async Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        EntityRules.ValidateEntity(entity);
        var response = await Run(() => table.UpsertEntityAsync(SdkEntities.ToSdk(entity), SdkMode(mode), ct), ct).ConfigureAwait(false);
        return SdkEntities.Stamp(entity, response.Headers.ETag ?? default);
    }

    public async Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        EntityRules.ValidateEntity(entity);
        if (ifMatch == default)
            throw new TableValidationException("An update needs the ETag that was read (or ETag.All to overwrite any version).");
        var response = await Run(() => table.UpdateEntityAsync(SdkEntities.ToSdk(entity), ifMatch, SdkMode(mode), ct), ct).ConfigureAwait(false);
        return SdkEntities.Stamp(entity, response.Headers.ETag ?? default);
    }

    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken ct = default)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        // The SDK treats a missing entity as done and hands back the 404; a missing table is still an error.
        var response = await Run(() => table.DeleteEntityAsync(partitionKey, rowKey, ifMatch == default ? ETag.All : ifMatch, ct), ct).ConfigureAwait(false);
        if (response.Status != 404) return true;
        return ErrorCode(response) == "TableNotFound" ? throw new TableNotFoundException(Name) : false;
    }

    public async Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var sdkToken = Continuation.Parse(continuationToken);
        try
        {
            var pages = table.QueryAsync<Sdk.TableEntity>(AzureQueryFilter.For(query), query.PageSize, cancellationToken: ct)
                .AsPages(sdkToken, query.PageSize);
            await foreach (var page in pages.WithCancellation(ct).ConfigureAwait(false))
                return new TablePage([.. page.Values.Select(SdkEntities.FromSdk)], Continuation.Format(page.ContinuationToken));
            return new TablePage([], null);
        }
        catch (Exception ex) when (Fails(ex, ct))
        {
            throw AzureFailures.Map(ex, store, Name);
        }
    }

    public async Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default)
    {
        TableTransactionAction.ValidateBatch(actions);
        foreach (var action in actions)
            if (action.ActionType is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace && action.ETag == default)
                throw new TableValidationException("An update needs the ETag that was read (or ETag.All to overwrite any version).");

        var batch = actions.Select(a => new Sdk.TableTransactionAction(SdkAction(a.ActionType), SdkEntities.ToSdk(a.Entity),
            a.ActionType == TableTransactionActionType.Delete && a.ETag == default ? ETag.All : a.ETag)).ToList();
        var response = await Run(() => table.SubmitTransactionAsync(batch, ct), ct).ConfigureAwait(false);
        var etags = new List<ETag>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            var etag = response.Value[i].Headers.ETag ?? default;
            if (actions[i].ActionType != TableTransactionActionType.Delete) SdkEntities.Stamp(actions[i].Entity, etag);
            etags.Add(etag);
        }
        return etags;
    }

    private async Task<T> Run<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (Fails(ex, ct))
        {
            throw AzureFailures.Map(ex, store, Name);
        }
    }

    /// <summary>A failure of the store, not the caller's own cancellation (that stays an OperationCanceledException).</summary>
    private static bool Fails(Exception ex, CancellationToken ct) =>
        AzureFailures.IsStoreFailure(ex) && !(ex is OperationCanceledException && ct.IsCancellationRequested);

    private static Sdk.TableUpdateMode SdkMode(TableUpdateMode mode) =>
        mode == TableUpdateMode.Merge ? Sdk.TableUpdateMode.Merge : Sdk.TableUpdateMode.Replace;

    private static Sdk.TableTransactionActionType SdkAction(TableTransactionActionType type) => type switch
    {
        TableTransactionActionType.Add => Sdk.TableTransactionActionType.Add,
        TableTransactionActionType.UpsertMerge => Sdk.TableTransactionActionType.UpsertMerge,
        TableTransactionActionType.UpsertReplace => Sdk.TableTransactionActionType.UpsertReplace,
        TableTransactionActionType.UpdateMerge => Sdk.TableTransactionActionType.UpdateMerge,
        TableTransactionActionType.UpdateReplace => Sdk.TableTransactionActionType.UpdateReplace,
        _ => Sdk.TableTransactionActionType.Delete,
    };

    /// <summary>The error code of a response the SDK did not throw for: the header if sent, else the OData error body.</summary>
    private static string? ErrorCode(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var header)) return header;
        try
        {
            using var doc = JsonDocument.Parse(response.Content.ToMemory());
            return doc.RootElement.TryGetProperty("odata.error", out var error) && error.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The SDK's continuation token wrapped in ours, so a token from elsewhere is a clear error.</summary>
    private static class Continuation
    {
        private const string Mark = "wb1:";

        public static string? Format(string? sdkToken) =>
            sdkToken is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Mark + sdkToken));

        public static string? Parse(string? token)
        {
            if (token is null) return null;
            try
            {
                var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
                if (text.StartsWith(Mark, StringComparison.Ordinal)) return text[Mark.Length..];
            }
            catch (FormatException) { }
            throw new TableValidationException("The continuation token is not one this store issued.");
        }
    }
}
