using System.Globalization;
using Azure;
using Microsoft.Data.Sqlite;

namespace WellnessBot.Storage.Sqlite;

internal sealed class SqliteTableClient : ITableClient
{
    private readonly SqliteTableStore _store;
    private readonly string _sqlTable;
    private readonly string _selectOne, _insert, _upsertReplace, _upsertMerge, _update, _delete, _exists;
    private volatile bool _created;

    public SqliteTableClient(SqliteTableStore store, string name)
    {
        _store = store;
        Name = name;
        // Table names are validated to letters and digits, so they are safe inside an identifier.
        _sqlTable = "\"t_" + name.ToLowerInvariant() + "\"";
        _selectOne = $"SELECT etag, ts, props FROM {_sqlTable} WHERE pk = $pk AND rk = $rk";
        _exists = $"SELECT 1 FROM {_sqlTable} WHERE pk = $pk AND rk = $rk";
        _insert = $"INSERT INTO {_sqlTable} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) ON CONFLICT (pk, rk) DO NOTHING";
        _upsertReplace = $"INSERT INTO {_sqlTable} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) " +
                         "ON CONFLICT (pk, rk) DO UPDATE SET etag = excluded.etag, ts = excluded.ts, props = excluded.props";
        _upsertMerge = $"INSERT INTO {_sqlTable} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) " +
                       "ON CONFLICT (pk, rk) DO UPDATE SET etag = excluded.etag, ts = excluded.ts, props = json_patch(props, excluded.props)";
        _update = $"UPDATE {_sqlTable} SET etag = $etag, ts = $ts, props = CASE WHEN $merge THEN json_patch(props, $props) ELSE $props END " +
                  "WHERE pk = $pk AND rk = $rk AND ($ifMatch = '*' OR etag = $ifMatch)";
        _delete = $"DELETE FROM {_sqlTable} WHERE pk = $pk AND rk = $rk AND ($ifMatch = '*' OR etag = $ifMatch)";
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        if (_created) return;
        await WriteAsync((connection, transaction) =>
        {
            var command = connection.Command(
                $"CREATE TABLE IF NOT EXISTS {_sqlTable} (pk TEXT NOT NULL, rk TEXT NOT NULL, etag TEXT NOT NULL, " +
                "ts INTEGER NOT NULL, props TEXT NOT NULL, PRIMARY KEY (pk, rk)) WITHOUT ROWID", transaction);
            return command.ExecuteNonQuery();
        }, ct).ConfigureAwait(false);
        _created = true;
    }

    public Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken ct = default)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        ct.ThrowIfCancellationRequested();
        var entity = _store.Run(connection =>
        {
            var command = connection.Command(_selectOne);
            command.Parameters.AddWithValue("$pk", partitionKey);
            command.Parameters.AddWithValue("$rk", rowKey);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadEntity(partitionKey, rowKey, reader, 0) : null;
        }, Name);
        return Task.FromResult(entity);
    }

    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken ct = default)
    {
        EntityRules.ValidateEntity(entity);
        return await WriteAsync((connection, transaction) => Add(connection, entity, transaction), ct).ConfigureAwait(false);
    }

    public async Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        EntityRules.ValidateEntity(entity);
        return await WriteAsync((connection, transaction) => Upsert(connection, entity, mode, transaction), ct).ConfigureAwait(false);
    }

    public async Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        EntityRules.ValidateEntity(entity);
        RequireETag(ifMatch);
        return await WriteAsync((connection, transaction) => Update(connection, entity, ifMatch, mode, transaction), ct).ConfigureAwait(false);
    }

    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken ct = default)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        return await WriteAsync((connection, transaction) => Delete(connection, partitionKey, rowKey, ifMatch, transaction), ct).ConfigureAwait(false);
    }

    public Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var after = ContinuationToken.Parse(continuationToken);
        ct.ThrowIfCancellationRequested();

        var (sql, parameters) = SqliteQuery.Build(_sqlTable, query, after);

        var page = _store.Run(connection =>
        {
            var command = connection.Command(sql);
            command.Parameters.AddRange(parameters);
            using var reader = command.ExecuteReader();
            var entities = new List<TableEntity>(Math.Min(query.PageSize, 256));
            var strings = new SqlitePropertyCodec.ShortStrings();
            var more = false;
            while (reader.Read())
            {
                if (entities.Count == query.PageSize) { more = true; break; }
                entities.Add(ReadEntity(reader.GetString(0), reader.GetString(1), reader, 2, strings));
            }
            var last = entities.Count > 0 ? entities[^1] : null;
            return new TablePage(entities, more && last is not null ? ContinuationToken.Format(last.PartitionKey, last.RowKey) : null);
        }, Name);
        return Task.FromResult(page);
    }

    public async Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default)
    {
        TableTransactionAction.ValidateBatch(actions);
        foreach (var action in actions)
            if (action.ActionType is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace)
                RequireETag(action.ETag);

        // The writer runs every write in its own savepoint: throwing here rolls back all of this transaction's actions.
        return await WriteAsync((connection, transaction) =>
        {
            var etags = new List<ETag>(actions.Count);
            for (var i = 0; i < actions.Count; i++)
            {
                var action = actions[i];
                try
                {
                    etags.Add(action.ActionType switch
                    {
                        TableTransactionActionType.Add => Add(connection, action.Entity, transaction),
                        TableTransactionActionType.UpsertMerge => Upsert(connection, action.Entity, TableUpdateMode.Merge, transaction),
                        TableTransactionActionType.UpsertReplace => Upsert(connection, action.Entity, TableUpdateMode.Replace, transaction),
                        TableTransactionActionType.UpdateMerge => Update(connection, action.Entity, action.ETag, TableUpdateMode.Merge, transaction),
                        TableTransactionActionType.UpdateReplace => Update(connection, action.Entity, action.ETag, TableUpdateMode.Replace, transaction),
                        _ => DeleteOrThrow(connection, action, transaction),
                    });
                }
                catch (TableStoreException ex)
                {
                    throw new TableTransactionFailedException(i, ex);
                }
            }
            return (IReadOnlyList<ETag>)etags;
        }, ct).ConfigureAwait(false);
    }

    private ETag DeleteOrThrow(PooledConnection connection, TableTransactionAction action, SqliteTransaction transaction)
    {
        // In a transaction, deleting a missing entity fails the whole batch, as the Table service does.
        if (!Delete(connection, action.Entity.PartitionKey, action.Entity.RowKey, action.ETag, transaction))
            throw new EntityNotFoundException(Name);
        return default;
    }

    private ETag Add(PooledConnection connection, TableEntity entity, SqliteTransaction? transaction)
    {
        var (etag, ts) = NewVersion();
        var command = connection.Command(_insert, transaction);
        BindEntity(command, entity, etag, ts);
        if (command.ExecuteNonQuery() == 0)
            throw new EntityAlreadyExistsException(Name);
        return Stamp(entity, etag, ts);
    }

    private ETag Upsert(PooledConnection connection, TableEntity entity, TableUpdateMode mode, SqliteTransaction? transaction)
    {
        var (etag, ts) = NewVersion();
        var command = connection.Command(mode == TableUpdateMode.Merge ? _upsertMerge : _upsertReplace, transaction);
        BindEntity(command, entity, etag, ts);
        command.ExecuteNonQuery();
        return Stamp(entity, etag, ts);
    }

    private ETag Update(PooledConnection connection, TableEntity entity, ETag ifMatch, TableUpdateMode mode, SqliteTransaction? transaction)
    {
        var (etag, ts) = NewVersion();
        var command = connection.Command(_update, transaction);
        BindEntity(command, entity, etag, ts);
        command.Parameters.AddWithValue("$merge", mode == TableUpdateMode.Merge ? 1 : 0);
        command.Parameters.AddWithValue("$ifMatch", ifMatch.ToString());
        if (command.ExecuteNonQuery() == 0)
            throw Exists(connection, entity.PartitionKey, entity.RowKey, transaction)
                ? new ConcurrencyConflictException(Name)
                : new EntityNotFoundException(Name);
        return Stamp(entity, etag, ts);
    }

    private bool Delete(PooledConnection connection, string partitionKey, string rowKey, ETag ifMatch, SqliteTransaction? transaction)
    {
        var command = connection.Command(_delete, transaction);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
        command.Parameters.AddWithValue("$ifMatch", ifMatch == default ? "*" : ifMatch.ToString());
        if (command.ExecuteNonQuery() > 0) return true;
        if (ifMatch != default && ifMatch != ETag.All && Exists(connection, partitionKey, rowKey, transaction))
            throw new ConcurrencyConflictException(Name);
        return false;
    }

    private bool Exists(PooledConnection connection, string partitionKey, string rowKey, SqliteTransaction? transaction)
    {
        var command = connection.Command(_exists, transaction);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
        return command.ExecuteScalar() is not null;
    }

    private Task<T> WriteAsync<T>(Func<PooledConnection, SqliteTransaction, T> work, CancellationToken ct) =>
        _store.Writer.WriteAsync((connection, transaction) =>
        {
            try
            {
                return work(connection, transaction);
            }
            catch (SqliteException ex) when (SqliteTableStore.IsMissingTable(ex))
            {
                throw new TableNotFoundException(Name, ex);
            }
        }, ct);

    private static void BindEntity(SqliteCommand command, TableEntity entity, string etag, DateTimeOffset ts)
    {
        command.Parameters.AddWithValue("$pk", entity.PartitionKey);
        command.Parameters.AddWithValue("$rk", entity.RowKey);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$ts", ts.UtcTicks);
        command.Parameters.AddWithValue("$props", SqlitePropertyCodec.Encode(entity));
    }

    private static (string ETag, DateTimeOffset Timestamp) NewVersion()
    {
        var now = DateTimeOffset.UtcNow;
        return ($"W/\"{now.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}\"", now);
    }

    private static ETag Stamp(TableEntity entity, string etag, DateTimeOffset ts)
    {
        entity.ETag = new ETag(etag);
        entity.Timestamp = ts;
        return entity.ETag;
    }

    private static TableEntity ReadEntity(string partitionKey, string rowKey, SqliteDataReader reader, int first, SqlitePropertyCodec.ShortStrings? strings = null)
    {
        var entity = new TableEntity(partitionKey, rowKey, capacity: 16)
        {
            ETag = new ETag(reader.GetString(first)),
            Timestamp = new DateTimeOffset(reader.GetInt64(first + 1), TimeSpan.Zero),
        };
        SqlitePropertyCodec.Decode(reader.GetFieldValue<byte[]>(first + 2), entity, strings);
        return entity;
    }

    private static void RequireETag(ETag ifMatch)
    {
        if (ifMatch == default)
            throw new TableValidationException("An update needs the ETag that was read (or ETag.All to overwrite any version).");
    }
}
