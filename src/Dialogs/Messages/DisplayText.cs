namespace WellnessBot.Dialogs.Messages;

/// <summary>
/// Text people wrote, made safe to show to others: bidirectional controls (which can make "thanks Ben" display
/// as something else, or reverse a link) and zero-width characters (which hide words from the patient-details
/// check and the safety net) are removed from names and kudos before they are kept or shown.
/// </summary>
public static class DisplayText
{
    public static bool IsInvisibleControl(char c) =>
        c is '\u061C' or '\u180E' or '\uFEFF' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2069');

    public static string Clean(string text) => text.Any(IsInvisibleControl) ? string.Concat(text.Where(c => !IsInvisibleControl(c))) : text;
}
