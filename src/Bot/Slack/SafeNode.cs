using System.Text.Json.Nodes;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// Reading Slack's JSON without trusting its shape: a path goes only through objects, and a value is a string only
/// when it is one. A property of the wrong type reads as absent, never as an exception.
/// </summary>
internal static class SafeNode
{
    /// <summary>The node at a path of property names; null when a step is missing or not an object.</summary>
    public static JsonNode? At(this JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
            node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
        return node;
    }

    public static string? Str(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The first object of an array property (Slack's "actions", "authorizations").</summary>
    public static JsonObject? First(this JsonNode? node, string arrayName) => node.At(arrayName) is JsonArray { Count: > 0 } array ? array[0] as JsonObject : null;
}
