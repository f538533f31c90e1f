using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace WellnessBot.Storage.Sqlite;

/// <summary>A table query as SQL over the embedded store's rows: key ranges, typed property filters and the page after a token.</summary>
internal static class SqliteQuery
{
    public static (string Sql, List<SqliteParameter> Parameters) Build(string sqlTable, TableQuery query, (string PartitionKey, string RowKey)? after)
    {
        var sql = new StringBuilder("SELECT pk, rk, etag, ts, props FROM ").Append(sqlTable).Append(" WHERE 1 = 1");
        var parameters = new List<SqliteParameter>();
        void Condition(string clause, string name, object value)
        {
            sql.Append(" AND ").Append(clause);
            parameters.Add(new SqliteParameter(name, value));
        }

        if (query.PartitionKey is not null) Condition("pk = $pk", "$pk", query.PartitionKey);
        if (query.PartitionKeyFrom is not null) Condition("pk >= $pkFrom", "$pkFrom", query.PartitionKeyFrom);
        if (query.PartitionKeyBefore is not null) Condition("pk < $pkBefore", "$pkBefore", query.PartitionKeyBefore);
        if (query.RowKeyFrom is not null) Condition("rk >= $rkFrom", "$rkFrom", query.RowKeyFrom);
        if (query.RowKeyBefore is not null) Condition("rk < $rkBefore", "$rkBefore", query.RowKeyBefore);
        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            var op = filter.Operator switch
            {
                FilterOperator.Equal => "=",
                FilterOperator.NotEqual => "<>",
                FilterOperator.GreaterThan => ">",
                FilterOperator.GreaterThanOrEqual => ">=",
                FilterOperator.LessThan => "<",
                _ => "<=",
            };
            // Same-type comparison only, as the Table service does: a property of another type never matches.
            sql.Append(CultureInfo.InvariantCulture,
                $" AND json_extract(props, $tp{i}) = $tc{i} AND json_extract(props, $vp{i}) {op} $fv{i}");
            parameters.Add(new SqliteParameter($"$tp{i}", SqlitePropertyCodec.JsonPath(filter.Property, 0)));
            parameters.Add(new SqliteParameter($"$tc{i}", SqlitePropertyCodec.Code(EdmValue.TypeOf(filter.Value))));
            parameters.Add(new SqliteParameter($"$vp{i}", SqlitePropertyCodec.JsonPath(filter.Property, 1)));
            parameters.Add(new SqliteParameter($"$fv{i}", SqlitePropertyCodec.FilterValue(filter.Value)));
        }
        if (after is not null && query.PartitionKey is not null)
        {
            // Within one partition the row key alone continues the scan: SQLite seeks on (pk = ?, rk > ?), whereas
            // a row-value comparison next to pk = ? would rescan the partition from its start on every page.
            Condition("rk > $afterRk", "$afterRk", after.Value.RowKey);
        }
        else if (after is not null)
        {
            sql.Append(" AND (pk, rk) > ($afterPk, $afterRk)");
            parameters.Add(new SqliteParameter("$afterPk", after.Value.PartitionKey));
            parameters.Add(new SqliteParameter("$afterRk", after.Value.RowKey));
        }
        sql.Append(" ORDER BY pk, rk LIMIT $limit");
        parameters.Add(new SqliteParameter("$limit", query.PageSize + 1));
        return (sql.ToString(), parameters);
    }
}

/// <summary>The embedded store's page token: the last keys returned, so the next page starts after them.</summary>
internal static class ContinuationToken
{
    public static string Format(string partitionKey, string rowKey) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new[] { partitionKey, rowKey }));

    public static (string PartitionKey, string RowKey)? Parse(string? token)
    {
        if (token is null) return null;
        try
        {
            var keys = JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(token));
            if (keys is { Length: 2 }) return (keys[0], keys[1]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException) { }
        throw new TableValidationException("The continuation token is not one this store issued.");
    }
}
