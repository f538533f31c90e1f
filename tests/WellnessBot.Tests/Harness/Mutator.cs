using System.Text;
using System.Text.Json.Nodes;

namespace WellnessBot.Tests.Harness;

/// <summary>
/// Seeded mutations of real payloads, for the malformed-input tests: a value anywhere in the tree becomes another
/// type, a huge or hostile string, an odd number, null, or goes; keys are added. The same seed gives the same cases.
/// </summary>
public sealed class Mutator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Hostile =
    [
        "", " ", "\0", "\u202e\u0000\uffff", "../../etc/passwd", "<script>alert(1)</script>", "<@U0ANA|ana>", "<!here>", "<!channel>",
        "'; DROP TABLE Kudos;--", "{\"action\":\"kudos.submit\"}", "%00%2F%5C%23%3F", "29:", "a:", "19:x@thread.tacv2", "\ud800", "🎉🎉🎉",
        "kudos @Ben thanks", "support", "help", "h3 done 000000", "digest post", "cancel",
    ];

    public int Next(int max) => _random.Next(max);

    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>A copy of <paramref name="node"/> with one to three mutations.</summary>
    public JsonNode Mutate(JsonNode node)
    {
        var copy = node.DeepClone();
        for (int i = 0, n = 1 + Next(3); i < n; i++) copy = MutateOnce(copy);
        return copy;
    }

    public string AnyString() => Next(6) switch
    {
        0 => new string('x', 1 + Next(100_000)),
        1 => string.Concat(Enumerable.Range(0, 1 + Next(40)).Select(_ => (char)Next(0xD7FF))),
        2 => Hostile[Next(Hostile.Length)] + new string('é', Next(3_000)),
        _ => Hostile[Next(Hostile.Length)],
    };

    public JsonNode? AnyValue() => Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(Next(2) == 0),
        2 => JsonValue.Create(Next(4) switch { 0 => long.MaxValue, 1 => -1, 2 => 0, _ => Next(int.MaxValue) }),
        3 => JsonValue.Create(1e308 * (Next(2) == 0 ? 1 : -1)),
        4 => new JsonObject { ["type"] = AnyString(), ["id"] = AnyString() },
        5 => new JsonArray(JsonValue.Create(AnyString()), null, new JsonObject()),
        6 => Deep(1 + Next(200)),
        _ => JsonValue.Create(AnyString()),
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonObject();
        for (var i = 0; i < depth; i++) node = new JsonObject { ["x"] = node };
        return node;
    }

    private JsonNode MutateOnce(JsonNode root)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = containers[Next(containers.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && Next(4) == 0:
                obj.Remove(obj.ElementAt(Next(obj.Count)).Key);
                break;
            case JsonObject obj when obj.Count > 0 && Next(3) > 0:
                obj[obj.ElementAt(Next(obj.Count)).Key] = AnyValue();
                break;
            case JsonObject obj:
                obj[AnyString() is { Length: < 200 } key ? key : "extra"] = AnyValue();
                break;
            case JsonArray array when array.Count > 0:
                array[Next(array.Count)] = AnyValue();
                break;
            case JsonArray array:
                array.Add(AnyValue());
                break;
        }
        return root;
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        if (node is JsonObject or JsonArray) into.Add(node);
        if (node is JsonObject obj) foreach (var (_, child) in obj) { if (child is not null) Collect(child, into); }
        if (node is JsonArray array) foreach (var child in array) { if (child is not null) Collect(child, into); }
    }

    /// <summary>Bytes that are not JSON at all, or JSON of the wrong shape.</summary>
    public string Garbage() => Next(6) switch
    {
        0 => "",
        1 => "null",
        2 => "[1,2,3]",
        3 => "{\"type\":",
        4 => Encoding.UTF8.GetString([.. Enumerable.Range(0, 1 + Next(500)).Select(_ => (byte)Next(256))]),
        _ => "\"" + AnyString() + "\"",
    };
}
