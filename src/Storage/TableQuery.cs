namespace WellnessBot.Storage;

public enum FilterOperator { Equal, NotEqual, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual }

/// <summary>A property compared with a value of the same type; entities whose property is missing or of another type do not match.</summary>
public sealed record PropertyFilter(string Property, FilterOperator Operator, object Value);

/// <summary>
/// Which entities to read: an exact partition (or a partition key range), an optional row-key range or prefix,
/// and simple property filters joined by AND. Built fluently:
/// <c>TableQuery.InPartition("kudos-2026-11").RowKeyStartsWith("u42|").Where("Category", FilterOperator.Equal, "teaching")</c>.
/// Ranges are [from, before): inclusive lower bound, exclusive upper bound.
/// </summary>
public sealed record TableQuery
{
    /// <summary>The Table service's largest page.</summary>
    public const int MaxPageSize = 1000;

    public string? PartitionKey { get; init; }
    public string? PartitionKeyFrom { get; init; }
    public string? PartitionKeyBefore { get; init; }
    public string? RowKeyFrom { get; init; }
    public string? RowKeyBefore { get; init; }
    public IReadOnlyList<PropertyFilter> Filters { get; init; } = [];

    /// <summary>Entities per page, 1 to 1000 (the service may return fewer).</summary>
    public int PageSize { get; init; } = MaxPageSize;

    public static TableQuery InPartition(string partitionKey) => new() { PartitionKey = partitionKey };

    /// <summary>Every partition whose key lies in [from, before); null bounds are open.</summary>
    public static TableQuery AcrossPartitions(string? from = null, string? before = null) =>
        new() { PartitionKeyFrom = from, PartitionKeyBefore = before };

    public static TableQuery PartitionsStartingWith(string prefix) =>
        new() { PartitionKeyFrom = prefix, PartitionKeyBefore = KeyRange.PrefixUpperBound(prefix) };

    public TableQuery RowKeyBetween(string? from, string? before) => this with { RowKeyFrom = from, RowKeyBefore = before };

    public TableQuery RowKeyStartsWith(string prefix) =>
        this with { RowKeyFrom = prefix, RowKeyBefore = KeyRange.PrefixUpperBound(prefix) };

    public TableQuery Where(string property, FilterOperator op, object value) =>
        this with { Filters = [.. Filters, new PropertyFilter(property, op, EdmValue.Normalize(property, value))] };

    public TableQuery Take(int pageSize) => this with { PageSize = pageSize };

    internal void Validate()
    {
        if (PageSize is < 1 or > MaxPageSize)
            throw new TableValidationException($"Page size must be between 1 and {MaxPageSize}; it was {PageSize}.");
        if (PartitionKey is not null && (PartitionKeyFrom is not null || PartitionKeyBefore is not null))
            throw new TableValidationException("A query names either one partition or a partition range, not both.");
        foreach (var filter in Filters)
        {
            EntityRules.ValidatePropertyName(filter.Property);
            if (filter.Value is byte[] && filter.Operator is not (FilterOperator.Equal or FilterOperator.NotEqual))
                throw new TableValidationException($"Binary property '{filter.Property}' can only be compared for equality.");
        }
    }
}

internal static class KeyRange
{
    /// <summary>The smallest string greater than every string that starts with <paramref name="prefix"/> (null: no bound).</summary>
    public static string? PrefixUpperBound(string prefix)
    {
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] == char.MaxValue) continue;
            chars[i]++;
            return new string(chars, 0, i + 1);
        }
        return null;
    }
}
