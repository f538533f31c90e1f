using System.Text.RegularExpressions;

namespace WellnessBot.Storage;

/// <summary>
/// The Table service's data-model rules, checked before anything is sent so both backends refuse the same
/// entities with the same clear message (learn.microsoft.com "Understanding the Table service data model").
/// </summary>
public static partial class EntityRules
{
    public const int MaxKeyBytes = 1024;            // PartitionKey / RowKey: 1 KiB, counted as UTF-16
    public const int MaxCustomProperties = 252;     // 255 including PartitionKey, RowKey and Timestamp
    public const int MaxPropertyNameLength = 255;
    public const int MaxPropertyValueBytes = 64 * 1024; // string (UTF-16) or binary
    public const int MaxEntityBytes = 1024 * 1024;

    private static readonly HashSet<string> SystemProperties = new(StringComparer.OrdinalIgnoreCase)
        { "PartitionKey", "RowKey", "Timestamp", "ETag", "odata.etag" };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    // C#-identifier-like: the Table service rejects other property names.
    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}_]*$")]
    private static partial Regex PropertyNamePattern();

    public static void ValidateTableName(string name)
    {
        if (string.IsNullOrEmpty(name) || !TableNamePattern().IsMatch(name) || name.Equals("tables", StringComparison.OrdinalIgnoreCase))
            throw new TableValidationException(
                $"Table name '{name}' is not allowed: use 3–63 letters or digits, starting with a letter (and not 'tables').");
    }

    public static void ValidateKeys(string partitionKey, string rowKey)
    {
        ValidateKey("PartitionKey", partitionKey);
        ValidateKey("RowKey", rowKey);
    }

    private static void ValidateKey(string which, string key)
    {
        ArgumentNullException.ThrowIfNull(key, which);
        if (key.Length * 2 > MaxKeyBytes)
            throw new TableValidationException($"{which} is {key.Length} characters; the limit is {MaxKeyBytes / 2}.");
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '/' or '\\' or '#' or '?' || c <= '\u001f' || c is >= '\u007f' and <= '\u009f')
                throw new TableValidationException(
                    $"{which} contains a character the table store forbids at position {i} (U+{(int)c:X4}); keys may not contain / \\ # ? or control characters.");
        }
    }

    public static void ValidatePropertyName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxPropertyNameLength || !PropertyNamePattern().IsMatch(name))
            throw new TableValidationException(
                $"Property name '{Truncate(name)}' is not allowed: use up to {MaxPropertyNameLength} letters, digits or underscores, starting with a letter or underscore.");
        if (SystemProperties.Contains(name))
            throw new TableValidationException($"Property name '{name}' is reserved by the table store.");
    }

    public static void ValidateEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKeys(entity.PartitionKey, entity.RowKey);
        if (entity.Count > MaxCustomProperties)
            throw new TableValidationException($"An entity holds at most {MaxCustomProperties} properties; this one has {entity.Count}.");

        // Sizes as the service counts them: 4 bytes + keys as UTF-16, then per property 8 bytes + name + value.
        long size = 4 + (entity.PartitionKey.Length + entity.RowKey.Length) * 2L;
        foreach (var (name, value) in entity)
        {
            ValidatePropertyName(name);
            var valueBytes = value switch
            {
                string s => 4 + s.Length * 2L,
                byte[] b => 4 + b.LongLength,
                int or bool => 4,
                long or double or DateTimeOffset => 8,
                Guid => 16,
                _ => 0,
            };
            if (value is string str && str.Length * 2L > MaxPropertyValueBytes)
                throw new TableValidationException($"Property '{name}' is {str.Length} characters; a text property holds at most {MaxPropertyValueBytes / 2}.");
            if (value is byte[] bin && bin.LongLength > MaxPropertyValueBytes)
                throw new TableValidationException($"Property '{name}' is {bin.LongLength} bytes; a binary property holds at most {MaxPropertyValueBytes}.");
            if (value is double d && !double.IsFinite(d))
                throw new TableValidationException($"Property '{name}' is not a finite number; this store keeps only finite doubles.");
            if (value is DateTimeOffset dto && dto < EdmValue.MinDateTime)
                throw new TableValidationException($"Property '{name}' is before 1601-01-01, the earliest date the table store keeps.");
            size += 8 + name.Length * 2L + valueBytes;
        }
        if (size > MaxEntityBytes)
            throw new TableValidationException($"The entity is about {size / 1024} KiB; an entity holds at most {MaxEntityBytes / 1024} KiB.");
    }

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 40 ? s : s[..40] + "…";
}
