using System.Text.Json;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// Reading the raw JSON parts of an activity (channelData, entities, value) without trusting their shape: a property
/// of the wrong type reads as absent, never as an exception.
/// </summary>
internal static class SafeJson
{
    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    public static JsonElement? Get(this JsonElement? element, string name) => element is { } e ? e.Get(name) : null;

    public static string? Text(this JsonElement? element) => element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;
}
