using Azure.Data.Tables;

namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// A <see cref="TableQuery"/> as an OData filter. Every value goes through the SDK's
/// <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, which quotes and types literals; property names
/// were checked by <see cref="EntityRules"/> and are never user text.
/// </summary>
internal static class AzureQueryFilter
{
    public static string? For(TableQuery query)
    {
        var parts = new List<string>();
        if (query.PartitionKey is { } pk) parts.Add(Compare("PartitionKey", "eq", pk));
        if (query.PartitionKeyFrom is { } pkFrom) parts.Add(Compare("PartitionKey", "ge", pkFrom));
        if (query.PartitionKeyBefore is { } pkBefore) parts.Add(Compare("PartitionKey", "lt", pkBefore));
        if (query.RowKeyFrom is { } rkFrom) parts.Add(Compare("RowKey", "ge", rkFrom));
        if (query.RowKeyBefore is { } rkBefore) parts.Add(Compare("RowKey", "lt", rkBefore));
        foreach (var filter in query.Filters)
            parts.Add(Compare(filter.Property, Operator(filter.Operator), filter.Value));
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static string Compare(string property, string op, object value) =>
        property + " " + op + " " + TableClient.CreateQueryFilter($"{value}");

    private static string Operator(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "eq",
        FilterOperator.NotEqual => "ne",
        FilterOperator.GreaterThan => "gt",
        FilterOperator.GreaterThanOrEqual => "ge",
        FilterOperator.LessThan => "lt",
        _ => "le",
    };
}
