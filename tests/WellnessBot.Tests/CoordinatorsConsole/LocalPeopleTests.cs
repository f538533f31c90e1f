using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>The console's local sign-in offers exactly the Agents Playground's people, so ./run.sh's two halves agree.</summary>
public sealed partial class LocalPeopleTests
{
    [Fact]
    public void TheLocalSignInListsThePlaygroundsPeopleWithTheirIds()
    {
        var root = WellnessBot.Testing.RepoPaths.Root;
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "Bot", "appsettings.Development.json")))!;
        var offered = settings["Console"]!["LocalPeople"]!.AsArray().Select(p => (p!["Id"]!.GetValue<string>(), p["AadObjectId"]!.GetValue<string>())).Order().ToList();
        var yaml = File.ReadAllText(Path.Combine(root, "playground", ".m365agentsplayground.yml"));
        var mock = PlaygroundPerson().Matches(yaml).Select(m => (m.Groups["id"].Value, m.Groups["aad"].Value)).Order().ToList();

        Assert.Equal(6, mock.Count);
        Assert.Equal(mock, offered);
    }

    // "id: 29:resident-ana" … "aadObjectId: 0a0a…" (the current user) and the inline users' {id: "29:…", …, aadObjectId: …}.
    [GeneratedRegex("""id: "?(?<id>29:[a-z-]+)"?[\s\S]*?aadObjectId: (?<aad>[0-9a-f-]{36})""")]
    private static partial Regex PlaygroundPerson();
}
