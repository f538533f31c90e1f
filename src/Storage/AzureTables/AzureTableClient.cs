using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace WellnessBot.Storage.AzureTables;

internal sealed class AzureTableClient(AzureTableStore store, string name) : ITableClient
{
    private static readonly RequestMethod Merge = new("MERGE");
    private volatile bool _created;

    public string Name { get; } = name;

    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        if (_created) return;
        using var message = store.CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await store.SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status is 201 or 204 || (response.Status == 409 && AzureTableStore.ReadError(response).Code == "TableAlreadyExists"))
        {
            _created = true;
            return;
        }
        throw Failure(response);
    }

    public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken ct = default)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        using var message = store.CreateMessage(RequestMethod.Get, "/" + Name + EntityPath(partitionKey, rowKey));
        var response = await store.SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status == 404)
        {
            var code = AzureTableStore.ReadError(response).Code;
            return code == "TableNotFound" ? throw new TableNotFoundException(Name) : null;
        }
        if (response.Status != 200) throw Failure(response);
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        return ODataEntityJson.Read(doc.RootElement, response.Headers.ETag?.ToString());
    }

    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken ct = default)
    {
        EntityRules.ValidateEntity(entity);
        using var message = store.CreateMessage(RequestMethod.Post, "/" + Name);
        return await WriteAsync(message, entity, ct).ConfigureAwait(false);
    }

    public async Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        EntityRules.ValidateEntity(entity);
        // Without If-Match, PUT is insert-or-replace and MERGE is insert-or-merge.
        using var message = store.CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put,
            "/" + Name + EntityPath(entity.PartitionKey, entity.RowKey));
        return await WriteAsync(message, entity, ct).ConfigureAwait(false);
    }

    public async Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        EntityRules.ValidateEntity(entity);
        if (ifMatch == default)
            throw new TableValidationException("An update needs the ETag that was read (or ETag.All to overwrite any version).");
        using var message = store.CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put,
            "/" + Name + EntityPath(entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch.ToString());
        return await WriteAsync(message, entity, ct).ConfigureAwait(false);
    }

    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken ct = default)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        using var message = store.CreateMessage(RequestMethod.Delete, "/" + Name + EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        var response = await store.SendAsync(message, ct).ConfigureAwait(false);
        return response.Status switch
        {
            204 => true,
            404 when AzureTableStore.ReadError(response).Code != "TableNotFound" => false,
            _ => throw Failure(response),
        };
    }

    public async Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var next = Continuation.Parse(continuationToken);

        using var message = store.CreateMessage(RequestMethod.Get, "/" + Name + "()");
        var filter = ODataFilter.Build(query);
        if (filter is not null) message.Request.Uri.AppendQuery("$filter", filter, escapeValue: true);
        message.Request.Uri.AppendQuery("$top", query.PageSize.ToString(CultureInfo.InvariantCulture));
        if (next is not null)
        {
            message.Request.Uri.AppendQuery("NextPartitionKey", next.Value.PartitionKey, escapeValue: true);
            if (next.Value.RowKey is not null) message.Request.Uri.AppendQuery("NextRowKey", next.Value.RowKey, escapeValue: true);
        }

        var response = await store.SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 200) throw Failure(response);

        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        var entities = new List<TableEntity>();
        foreach (var item in doc.RootElement.GetProperty("value").EnumerateArray())
            entities.Add(ODataEntityJson.Read(item));

        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow);
        return new TablePage(entities, string.IsNullOrEmpty(nextPartition) ? null : Continuation.Format(nextPartition, nextRow));
    }

    public async Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default)
    {
        TableTransactionAction.ValidateBatch(actions);
        foreach (var action in actions)
            if (action.ActionType is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace && action.ETag == default)
                throw new TableValidationException("An update needs the ETag that was read (or ETag.All to overwrite any version).");

        var tableUrl = new Uri(store.Connection.Endpoint.AbsoluteUri.TrimEnd('/') + "/" + Name);
        var (body, contentType) = TableBatchBody.Build(tableUrl, actions, EntityPath);

        using var message = store.CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await store.SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 202) throw Failure(response);

        var parts = TableBatchBody.Parse(response.Content.ToString());
        var failed = parts.FirstOrDefault(p => p.Status >= 300);
        if (failed is not null || parts.Count != actions.Count)
        {
            var (code, text) = failed is null ? ("BatchResponseMismatch", null) : ReadError(failed.Body, failed.Status);
            var index = TableBatchBody.FailedIndex(text, actions.Count);
            throw new TableTransactionFailedException(index, Map(failed?.Status ?? 500, code, text));
        }
        var etags = new List<ETag>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var etag = parts[i].ETag is { } e ? new ETag(e) : default;
            if (actions[i].ActionType != TableTransactionActionType.Delete)
                Stamp(actions[i].Entity, etag);
            etags.Add(etag);
        }
        return etags;
    }

    private async Task<ETag> WriteAsync(HttpMessage message, TableEntity entity, CancellationToken ct)
    {
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(ODataEntityJson.Serialize(entity));
        var response = await store.SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status is not (201 or 204)) throw Failure(response);
        var etag = response.Headers.ETag ?? default;
        Stamp(entity, etag);
        return etag;
    }

    /// <summary>Sets the new ETag and the server timestamp it carries (W/"datetime'…'").</summary>
    private static void Stamp(TableEntity entity, ETag etag)
    {
        entity.ETag = etag;
        var text = etag.ToString();
        var start = text.IndexOf("datetime'", StringComparison.Ordinal);
        if (start < 0) return;
        start += "datetime'".Length;
        var end = text.IndexOf('\'', start);
        if (end > start && DateTimeOffset.TryParse(Uri.UnescapeDataString(text[start..end]), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var ts))
            entity.Timestamp = ts;
    }

    /// <summary>"(PartitionKey='…',RowKey='…')": quotes doubled, then percent-encoded.</summary>
    internal static string EntityPath(string partitionKey, string rowKey) =>
        "(PartitionKey='" + Uri.EscapeDataString(partitionKey.Replace("'", "''", StringComparison.Ordinal)) +
        "',RowKey='" + Uri.EscapeDataString(rowKey.Replace("'", "''", StringComparison.Ordinal)) + "')";

    private TableStoreException Failure(Response response)
    {
        var (code, text) = AzureTableStore.ReadError(response);
        return Map(response.Status, code, text);
    }

    private TableStoreException Map(int status, string code, string? text) => (status, code) switch
    {
        (409, "EntityAlreadyExists") => new EntityAlreadyExistsException(Name),
        (412, _) => new ConcurrencyConflictException(Name),
        (404, "TableNotFound") => new TableNotFoundException(Name),
        (404, _) => new EntityNotFoundException(Name),
        (403, _) => new TableStoreException(
            $"Azure Table Storage refused the credentials for table '{Name}' ({code}). Check Storage:ConnectionString or the identity's role assignment.", code, status),
        _ => new TableStoreException($"Azure Table Storage answered {status} ({code}) for table '{Name}'.{(text is null ? "" : " " + FirstLine(text))}", code, status),
    };

    private static (string Code, string? Text) ReadError(string body, int status)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var error = doc.RootElement.GetProperty("odata.error");
            return (error.GetProperty("code").GetString() ?? "", error.GetProperty("message").GetProperty("value").GetString());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return ($"HTTP{status}", null);
        }
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }

    /// <summary>The service's two continuation values, carried as one opaque token.</summary>
    private static class Continuation
    {
        public static string Format(string partition, string? row) =>
            Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new[] { partition, row }));

        public static (string PartitionKey, string? RowKey)? Parse(string? token)
        {
            if (token is null) return null;
            try
            {
                var parts = JsonSerializer.Deserialize<string?[]>(Convert.FromBase64String(token));
                if (parts is { Length: 2 } && parts[0] is { } partition) return (partition, parts[1]);
            }
            catch (Exception ex) when (ex is FormatException or JsonException) { }
            throw new TableValidationException("The continuation token is not one this store issued.");
        }
    }
}
