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
                    case Guid g: writer.WriteStringValue(g.ToString("D")); break;
                    case byte[] x: writer.WriteBase64StringValue(x); break;
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Decode(string json, TableEntity into)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, bytes);
            var reader = new Utf8JsonReader(bytes.AsSpan(0, length));
            reader.Read(); // {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read(); // [
                reader.Read();
                var code = reader.GetString();
                reader.Read();
                object value = code switch
                {
                    "s" => reader.GetString()!,
                    "i" => reader.GetInt32(),
                    "l" => reader.GetInt64(),
                    "d" => reader.GetDouble(),
                    "b" => reader.GetBoolean(),
                    "t" => new DateTimeOffset(reader.GetInt64(), TimeSpan.Zero),
                    "g" => Guid.Parse(reader.GetString()!),
                    "x" => reader.GetBytesFromBase64(),
                    _ => throw new InvalidDataException($"Unknown stored property type code '{code}'."),
                };
                reader.Read(); // ]
                into[name] = value;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
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
