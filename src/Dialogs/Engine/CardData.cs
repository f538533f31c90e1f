namespace WellnessBot.Dialogs.Engine;

/// <summary>
/// What our own cards put in their buttons' data, checked when it comes back: the client returns it, so it may be
/// forged or mangled. Anything not shaped as we wrote it reads as absent.
/// </summary>
public static class CardData
{
    /// <summary>A new draft's id, as cards carry it: 32 lowercase hex digits (a Guid, "N" format).</summary>
    public static string NewDraftId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// The draft id, when <paramref name="text"/> could be one: up to 64 letters, digits, '-' or '_' (ours are 32 hex
    /// digits); null otherwise. It becomes a storage key, so nothing else passes.
    /// </summary>
    public static string? DraftId(string? text) =>
        text is { Length: > 0 and <= 64 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? text : null;

    /// <summary>An instant written as UTC ticks, when it is one within a year of <paramref name="now"/>; null otherwise.</summary>
    public static DateTimeOffset? Instant(string? ticks, DateTimeOffset now) =>
        long.TryParse(ticks, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
        && value >= (now - TimeSpan.FromDays(366)).UtcTicks && value <= (now + TimeSpan.FromDays(1)).UtcTicks
            ? new DateTimeOffset(value, TimeSpan.Zero) : null;
}
