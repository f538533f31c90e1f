using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WellnessBot.Storage.Sqlite;

/// <summary>
/// Properties are kept as one JSON object per row, each value a pair [type code, value], so SQLite's JSON
/// functions can filter on them and merges are a json_patch. Dates are UTC ticks, so they compare as numbers.
/// </summary>
internal static class SqlitePropertyCodec
{
    public static string Code(EdmType type) => type switch
    {
        EdmType.String => "s",
        EdmType.Int32 => "i",
        EdmType.Int64 => "l",
        EdmType.Double => "d",
        EdmType.Boolean => "b",
        EdmType.DateTime => "t",
        EdmType.Guid => "g",
        EdmType.Binary => "x",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string Encode(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in entity)
            {
                writer.WriteStartArray(name);
                writer.WriteStringValue(Code(EdmValue.TypeOf(value)));
                switch (value)
                {
                    case string s: writer.WriteStringValue(s); break;
                    case int i: writer.WriteNumberValue(i); break;
                    case long l: writer.WriteNumberValue(l); break;
                    case double d: writer.WriteNumberValue(d); break;
                    case bool b: writer.WriteBooleanValue(b); break;
                    case DateTimeOffset t: writer.WriteNumberValue(t.UtcTicks); break;
                    case Guid g: writer.WriteStringValue(g); break;
                    case byte[] x: writer.WriteBase64StringValue(x); break;
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Decodes the stored JSON straight from SQLite's UTF-8 bytes (no detour through a .NET string).</summary>
    public static void Decode(ReadOnlySpan<byte> json, TableEntity into, ShortStrings? pool = null)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyNames.Get(ref reader);
            reader.Read(); // [
            reader.Read();
            var code = reader.ValueSpan.Length == 1 ? reader.ValueSpan[0] : (byte)0; // one-letter type codes, compared as bytes
            reader.Read();
            object value = code switch
            {
                (byte)'s' => pool is null ? reader.GetString()! : pool.Get(ref reader),
                (byte)'i' => reader.GetInt32(),
                (byte)'l' => reader.GetInt64(),
                (byte)'d' => reader.GetDouble(),
                (byte)'b' => reader.GetBoolean(),
                (byte)'t' => new DateTimeOffset(reader.GetInt64(), TimeSpan.Zero),
                (byte)'g' => reader.GetGuid(),
                (byte)'x' => reader.GetBytesFromBase64(),
                _ => throw new InvalidDataException($"Unknown stored property type code in property '{name}'."),
            };
            reader.Read(); // ]
            into.SetStored(name, value);
        }
    }

    /// <summary>
    /// Short string values repeat across the rows of one page (a month's kudos name the same people, channel and
    /// category again and again): one string per distinct value per page instead of one per row.
    /// </summary>
    public sealed class ShortStrings
    {
        private const int MaxLength = 96;
        private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

        public ShortStrings() => _byChars = _seen.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped || reader.ValueSpan.Length > MaxLength) return reader.GetString()!;
            Span<char> buffer = stackalloc char[MaxLength];
            var chars = buffer[..Encoding.UTF8.GetChars(reader.ValueSpan, buffer)];
            if (_byChars.TryGetValue(chars, out var known)) return known;
            var value = new string(chars);
            _seen[value] = value;
            return value;
        }
    }

    /// <summary>Property names repeat on every row; one string per distinct name instead of one per row.</summary>
    private static class PropertyNames
    {
        private const int MaxCached = 4096;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars =
            Cache.GetAlternateLookup<ReadOnlySpan<char>>();

        public static string Get(ref Utf8JsonReader reader)
        {
            Span<char> buffer = stackalloc char[256];
            if (reader.ValueIsEscaped || reader.ValueSpan.Length > buffer.Length) return reader.GetString()!;
            var length = Encoding.UTF8.GetChars(reader.ValueSpan, buffer);
            var chars = buffer[..length];
            if (ByChars.TryGetValue(chars, out var known)) return known;
            var name = new string(chars);
            if (Cache.Count < MaxCached) Cache.TryAdd(name, name);
            return name;
        }
    }

    /// <summary>The SQL parameter value a filter compares against what json_extract returns for that type.</summary>
    public static object FilterValue(object value) => value switch
    {
        bool b => b ? 1 : 0,
        DateTimeOffset t => t.UtcTicks,
        Guid g => g.ToString("D"),
        byte[] x => Convert.ToBase64String(x),
        _ => value,
    };

    public static string JsonPath(string property, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"$.\"{property}\"[{index}]");
}
