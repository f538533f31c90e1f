using System.Globalization;

namespace WellnessBot.Storage;

/// <summary>The Table service's property types (its Entity Data Model names), and how CLR values map to them.</summary>
public enum EdmType { String, Int32, Int64, Double, Boolean, DateTime, Guid, Binary }

internal static class EdmValue
{
    /// <summary>The earliest DateTime the Table service accepts.</summary>
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static object Normalize(string name, object value) => value switch
    {
        string or int or long or double or bool or Guid or byte[] => value,
        DateTimeOffset dto => dto.ToUniversalTime(),
        DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime()),
        float f => (double)f,
        short s => (int)s,
        byte b => (int)b,
        ReadOnlyMemory<byte> rom => rom.ToArray(),
        BinaryData data => data.ToArray(),
        Enum e => e.ToString(), // enums are stored as their names on purpose (STYLE.md)
        _ => throw new ArgumentException(
            $"Property '{name}' has type {value.GetType().Name}, which the table store cannot hold. " +
            "Use string, int, long, double, bool, DateTimeOffset, Guid or byte[].", nameof(value)),
    };

    public static EdmType TypeOf(object value) => value switch
    {
        string => EdmType.String,
        int => EdmType.Int32,
        long => EdmType.Int64,
        double => EdmType.Double,
        bool => EdmType.Boolean,
        DateTimeOffset => EdmType.DateTime,
        Guid => EdmType.Guid,
        byte[] => EdmType.Binary,
        _ => throw new ArgumentException($"Unsupported property value type {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>Round-trippable invariant text for a double (the Table service keeps IEEE doubles).</summary>
    public static string FormatDouble(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The Table service's wire form for Edm.DateTime: UTC with seven fractional digits.</summary>
    public static string FormatDateTime(DateTimeOffset dto) =>
        dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
