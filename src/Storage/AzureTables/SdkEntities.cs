using Azure;
using Sdk = Azure.Data.Tables;

namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// Our <see cref="TableEntity"/> and the SDK's, both ways. Values are already one of the Table service's types
/// (EdmValue.Normalize); the SDK annotates Int64, Double, DateTime, Guid and Binary on the wire, so each comes
/// back as the type it went in as.
/// </summary>
internal static class SdkEntities
{
    public static Sdk.TableEntity ToSdk(TableEntity entity)
    {
        var sdk = new Sdk.TableEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity)
            sdk[name] = value;
        return sdk;
    }

    public static TableEntity FromSdk(Sdk.TableEntity sdk)
    {
        var entity = new TableEntity(sdk.PartitionKey, sdk.RowKey, sdk.Count) { ETag = sdk.ETag, Timestamp = sdk.Timestamp };
        foreach (var (name, value) in sdk)
        {
            if (value is null || name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal))
                continue;
            entity[name] = value;
        }
        return entity;
    }

    /// <summary>The new version and the server time it carries (W/"datetime'…'"), set on the entity that was written.</summary>
    public static ETag Stamp(TableEntity entity, ETag etag)
    {
        entity.ETag = etag;
        var text = etag.ToString();
        var start = text.IndexOf("datetime'", StringComparison.Ordinal);
        if (start < 0) return etag;
        start += "datetime'".Length;
        var end = text.IndexOf('\'', start);
        if (end > start && DateTimeOffset.TryParse(Uri.UnescapeDataString(text[start..end]), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var ts))
            entity.Timestamp = ts;
        return etag;
    }
}
