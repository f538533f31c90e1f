using System.Collections;
using Azure;

namespace WellnessBot.Storage;

/// <summary>
/// One row of a table: addressed by <see cref="PartitionKey"/> and <see cref="RowKey"/>, with typed properties.
/// Shaped after Azure.Data.Tables' TableEntity so domain code reads the same whichever backend runs.
/// Property values are limited to the types the Table service stores: string, int, long, double, bool,
/// DateTimeOffset (DateTime is accepted and kept as UTC), Guid and byte[]. A null value means "not stored".
/// </summary>
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _properties;

    public TableEntity(string partitionKey, string rowKey) : this(partitionKey, rowKey, 0)
    {
    }

    /// <summary>For stores decoding rows: sized once, so reading a big partition does not regrow every row's dictionary.</summary>
    internal TableEntity(string partitionKey, string rowKey, int capacity)
    {
        PartitionKey = partitionKey ?? throw new ArgumentNullException(nameof(partitionKey));
        RowKey = rowKey ?? throw new ArgumentNullException(nameof(rowKey));
        _properties = new Dictionary<string, object>(capacity, StringComparer.Ordinal);
    }

    public string PartitionKey { get; }
    public string RowKey { get; }

    /// <summary>Set by the store on every write; ignored when sending.</summary>
    public DateTimeOffset? Timestamp { get; internal set; }

    /// <summary>The version the store returned; pass it back to update or delete only that version.</summary>
    public ETag ETag { get; set; }

    public int Count => _properties.Count;
    public IEnumerable<string> Keys => _properties.Keys;

    /// <summary>Gets or sets a property. Setting null removes it (the Table service does not store nulls).</summary>
    public object? this[string name]
    {
        get => _properties.TryGetValue(name, out var value) ? value : null;
        set
        {
            if (value is null) { _properties.Remove(name); return; }
            _properties[name] = EdmValue.Normalize(name, value);
        }
    }

    /// <summary>For stores reading back values they wrote: already normalised, so no conversion is needed.</summary>
    internal void SetStored(string name, object value) => _properties[name] = value;

    public bool ContainsKey(string name) => _properties.ContainsKey(name);
    public bool Remove(string name) => _properties.Remove(name);

    public string? GetString(string name) => Get<string>(name);
    public int? GetInt32(string name) => GetStruct<int>(name);
    public long? GetInt64(string name) => this[name] switch { int i => i, long l => l, _ => null };
    public double? GetDouble(string name) => this[name] switch { double d => d, int i => i, long l => l, _ => null };
    public bool? GetBoolean(string name) => GetStruct<bool>(name);
    public DateTimeOffset? GetDateTimeOffset(string name) => GetStruct<DateTimeOffset>(name);
    public Guid? GetGuid(string name) => GetStruct<Guid>(name);
    public byte[]? GetBinary(string name) => Get<byte[]>(name);

    private T? Get<T>(string name) where T : class => this[name] as T;
    private T? GetStruct<T>(string name) where T : struct => this[name] is T value ? value : null;

    /// <summary>A copy with the same keys, properties and ETag (values are immutable or copied).</summary>
    public TableEntity Clone()
    {
        var copy = new TableEntity(PartitionKey, RowKey) { ETag = ETag, Timestamp = Timestamp };
        foreach (var (name, value) in _properties)
            copy._properties[name] = value is byte[] bytes ? (byte[])bytes.Clone() : value;
        return copy;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"TableEntity({PartitionKey.Length}-char partition, {RowKey.Length}-char row, {Count} properties)";
}
