using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// Entities as the Table service's OData JSON: types that JSON cannot tell apart carry
/// "Name@odata.type" annotations (Edm.Int64 as a string, Edm.Double, Edm.DateTime, Edm.Guid, Edm.Binary).
/// </summary>
internal static class ODataEntityJson
{
    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, entity);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", entity.PartitionKey);
        writer.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity)
        {
            switch (value)
            {
                case string s: writer.WriteString(name, s); break;
                case int i: writer.WriteNumber(name, i); break;
                case bool b: writer.WriteBoolean(name, b); break;
                case long l:
                    writer.WriteString(name + "@odata.type", "Edm.Int64");
                    writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    writer.WriteString(name + "@odata.type", "Edm.Double");
                    writer.WriteNumber(name, d);
                    break;
                case DateTimeOffset t:
                    writer.WriteString(name + "@odata.type", "Edm.DateTime");
                    writer.WriteString(name, EdmValue.FormatDateTime(t));
                    break;
                case Guid g:
                    writer.WriteString(name + "@odata.type", "Edm.Guid");
                    writer.WriteString(name, g.ToString("D"));
                    break;
                case byte[] x:
                    writer.WriteString(name + "@odata.type", "Edm.Binary");
                    writer.WriteBase64String(name, x);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    public static TableEntity Read(JsonElement json, string? etagHeader = null)
    {
        var partitionKey = json.GetProperty("PartitionKey").GetString() ?? "";
        var rowKey = json.GetProperty("RowKey").GetString() ?? "";
        var entity = new TableEntity(partitionKey, rowKey);

        var etag = json.TryGetProperty("odata.etag", out var e) ? e.GetString() : etagHeader;
        if (etag is not null) entity.ETag = new ETag(etag);

        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name.Contains('@', StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal)
                || name is "PartitionKey" or "RowKey")
                continue;
            var type = json.TryGetProperty(name + "@odata.type", out var t) ? t.GetString() : null;
            var value = ReadValue(property.Value, type);
            if (name == "Timestamp")
                entity.Timestamp = value as DateTimeOffset?;
            else if (value is not null)
                entity[name] = value;
        }
        return entity;
    }

    private static object? ReadValue(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String
            ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            : value.GetDouble(),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // Without an annotation the service writes Int32 as "5" and Double as "2.0": the literal's form decides.
            JsonValueKind.Number => IsIntegerLiteral(value) && value.TryGetInt32(out var i) ? (object)i : value.GetDouble(),
            _ => null,
        },
    };

    private static bool IsIntegerLiteral(JsonElement number)
    {
        foreach (var c in number.GetRawText())
            if (c is '.' or 'e' or 'E') return false;
        return true;
    }
}
