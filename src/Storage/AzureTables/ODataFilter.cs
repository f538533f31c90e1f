using System.Globalization;
using System.Text;

namespace WellnessBot.Storage.AzureTables;

/// <summary>Turns a <see cref="TableQuery"/> into the Table service's $filter expression, with typed literals.</summary>
internal static class ODataFilter
{
    public static string? Build(TableQuery query)
    {
        var clauses = new List<string>();
        if (query.PartitionKey is not null) clauses.Add("PartitionKey eq " + Quote(query.PartitionKey));
        if (query.PartitionKeyFrom is not null) clauses.Add("PartitionKey ge " + Quote(query.PartitionKeyFrom));
        if (query.PartitionKeyBefore is not null) clauses.Add("PartitionKey lt " + Quote(query.PartitionKeyBefore));
        if (query.RowKeyFrom is not null) clauses.Add("RowKey ge " + Quote(query.RowKeyFrom));
        if (query.RowKeyBefore is not null) clauses.Add("RowKey lt " + Quote(query.RowKeyBefore));
        foreach (var filter in query.Filters)
            clauses.Add($"{filter.Property} {Operator(filter.Operator)} {Literal(filter.Value)}");
        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Operator(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "eq",
        FilterOperator.NotEqual => "ne",
        FilterOperator.GreaterThan => "gt",
        FilterOperator.GreaterThanOrEqual => "ge",
        FilterOperator.LessThan => "lt",
        _ => "le",
    };

    public static string Literal(object value) => value switch
    {
        string s => Quote(s),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => FormatDouble(d),
        bool b => b ? "true" : "false",
        DateTimeOffset t => "datetime'" + EdmValue.FormatDateTime(t) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] x => "X'" + Convert.ToHexStringLower(x) + "'",
        _ => throw new ArgumentException($"Unsupported filter value type {value.GetType().Name}.", nameof(value)),
    };

    private static string FormatDouble(double d)
    {
        var text = EdmValue.FormatDouble(d);
        // A literal without '.' or an exponent would be read as an integer.
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.OrdinalIgnoreCase) ? text : text + ".0";
    }
}
