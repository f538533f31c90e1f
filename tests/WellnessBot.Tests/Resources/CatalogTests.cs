using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Resources;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Resources;

/// <summary>The catalog file: the shipped one is valid and honest; each broken field is named; edits load live.</summary>
public sealed class CatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-catalog-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static JsonObject Shipped() => JsonNode.Parse(File.ReadAllText(TestChat.RepoCatalog))!.AsObject();

    private static IReadOnlyList<string> ProblemsOf(JsonObject catalog)
    {
        var error = Assert.Throws<CatalogException>(() => CatalogReader.Parse(catalog.ToJsonString(), "resources.json"));
        Assert.Contains("resources.json", error.Message, StringComparison.Ordinal);
        return error.Problems;
    }

    [Fact]
    public void TheShippedCatalogIsValidAndCoversEveryServiceInTheProgramsTexts()
    {
        var catalog = CatalogReader.Parse(File.ReadAllText(TestChat.RepoCatalog), TestChat.RepoCatalog);
        var names = catalog.Resources.Select(r => r.Name).ToList();
        foreach (var service in new[] { "WellConnect", "Helping Healers Heal (H3)", "PEERS", "Office of Well-Being and Resilience", "Resident Recognition", "988 Suicide & Crisis Lifeline", "Emergency services (911)" })
            Assert.Contains(service, names);
        // Crisis numbers are the real national ones; nothing else is invented: unknown links are marked for coordinators.
        Assert.Equal("988", catalog.Resources.Single(r => r.Id == "crisis-988").Phones.Single().Value);
        Assert.Equal("911", catalog.Resources.Single(r => r.Id == "emergency-911").Phones.Single().Value);
        Assert.True(catalog.Resources.Single(r => r.Id == "wellconnect").Links.Single().IsPlaceholder);
        Assert.Contains("WellConnect: links[0].url", catalog.Placeholders());
        Assert.All(ResourceCatalog.Categories, c => Assert.Contains(catalog.Resources, r => r.Categories.Contains(c.Id)));
    }

    [Fact]
    public void TheSupportersGuideIsTheCatalogsOwnTextOrTheBuiltInOneAndABrokenOneIsNamed()
    {
        var shipped = CatalogReader.Parse(File.ReadAllText(TestChat.RepoCatalog), TestChat.RepoCatalog);
        Assert.Contains("not a privileged conversation", shipped.SupporterGuide.Text, StringComparison.Ordinal); // the program's text, not the fallback
        Assert.Contains("supporterGuide.url", shipped.Placeholders());

        var without = Shipped();
        without.Remove("supporterGuide");
        Assert.Equal(SupporterGuide.Default, CatalogReader.Parse(without.ToJsonString(), "resources.json").SupporterGuide);

        var own = Shipped();
        own["supporterGuide"] = new JsonObject { ["text"] = "Call within a day. Listen.", ["url"] = "https://example.org/h3-script" };
        var guide = CatalogReader.Parse(own.ToJsonString(), "resources.json").SupporterGuide;
        Assert.Equal(("Call within a day. Listen.", "https://example.org/h3-script"), (guide.Text, guide.Link!.Value));

        // An offer never fails for the guide: with no catalog configured, or none readable, the built-in one.
        Assert.Equal(SupporterGuide.Default, new CatalogSource(new ResourceSettings(), NullLogger<CatalogSource>.Instance).SupporterGuide);
        Assert.Equal(SupporterGuide.Default, new CatalogSource(new ResourceSettings { CatalogPath = Path.Combine(_folder, "missing.json") }, NullLogger<CatalogSource>.Instance).SupporterGuide);

        var broken = Shipped();
        broken["supporterGuide"] = new JsonObject { ["text"] = new string('x', SupporterGuide.MaxTextLength + 1), ["url"] = "http://example.org" };
        var problems = ProblemsOf(broken);
        Assert.Contains(problems, p => p.StartsWith("supporterGuide: field 'text'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("is not an https:// link", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> BrokenFields => new()
    {
        { "id", "\"Bad Id!\"", "resources[0] (\"Bad Id!\"): field 'id'" },
        { "name", "\"\"", "resources[0] (\"crisis-988\"): field 'name' is empty" },
        { "description", "null", "resources[0] (\"crisis-988\"): field 'description' is required" },
        { "categories", "[\"money\"]", "field 'categories': \"money\" is not a category" },
        { "categories", "[]", "field 'categories': at least one category is required" },
        { "eligibility", "[\"everyone\"]", "field 'eligibility': \"everyone\" is not one of" },
        { "keywords", "\"childcare\"", "field 'keywords' must be a list of non-empty texts" },
        { "links", "[{\"title\": \"Site\", \"url\": \"http://example.org\"}]", "field 'links[0].url': \"http://example.org\" is not an https:// link" },
        { "phones", "[{\"title\": \"Line\", \"number\": \"call us\"}]", "field 'phones[0].number': \"call us\" is not a phone number" },
        { "phones", "[{\"number\": \"988\"}]", "field 'phones[0]': field 'title' is required" },
        { "confidential", "\"yes\"", "field 'confidential' must be true, false or null" },
        { "inBot", "{\"command\": \"dance\", \"title\": \"Dance\"}", "field 'inBot.command': \"dance\" is not something the bot does" },
    };

    [Theory]
    [MemberData(nameof(BrokenFields))]
    public void EachBrokenFieldIsNamedWithItsEntry(string field, string value, string expected)
    {
        var catalog = Shipped();
        catalog["resources"]![0]![field] = JsonNode.Parse(value);
        Assert.Contains(ProblemsOf(catalog), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceAndDuplicateIdsAreCaught()
    {
        var catalog = Shipped();
        catalog["resources"]![1]!["id"] = "crisis-988";
        catalog["resources"]![2]!["categories"] = new JsonArray("nope");
        catalog.Remove("wellnessOffice");
        var problems = ProblemsOf(catalog);
        Assert.Contains(problems, p => p.Contains("resources[1] (\"crisis-988\"): field 'id': \"crisis-988\" is used by another entry", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("resources[2]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("\"wellnessOffice\"", StringComparison.Ordinal));
    }

    [Fact]
    public void AResourceNobodyCanReachIsRejected()
    {
        var catalog = Shipped();
        catalog["resources"]![0]!["links"] = new JsonArray();
        catalog["resources"]![0]!["phones"] = new JsonArray();
        Assert.Contains(ProblemsOf(catalog), p => p.Contains("needs at least one way to reach it", StringComparison.Ordinal));
    }

    [Fact]
    public void BrokenJsonNamesTheLine()
    {
        var error = Assert.Throws<CatalogException>(() => CatalogReader.Parse("{\n  \"resources\": [\n    { \"id\": \"x\" \n  ]\n}", "mine.json"));
        Assert.Contains("mine.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditsAreUsedWithinACheckABrokenEditKeepsTheLastGoodOneAndCoordinatorsAreTold()
    {
        var path = Path.Combine(_folder, "resources.json");
        var catalog = Shipped();
        await File.WriteAllTextAsync(path, catalog.ToJsonString());
        var source = new CatalogSource(new ResourceSettings { CatalogPath = path }, NullLogger<CatalogSource>.Instance);
        var messenger = new RecordingMessenger();
        var updates = new CatalogUpdates(source, messenger, new ProgramSettings { Coordinators = ["29:coordinator-eli"] });
        Assert.Empty(source.Finder.Find("knitting circle"));
        Assert.Equal(CatalogReload.Unchanged, await updates.CheckAsync(default));

        // A coordinator adds a resource.
        catalog["resources"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "knitting", "name": "Knitting Circle", "description": "Thursday evening knitting for residents.", "categories": ["recreation"],
              "keywords": ["knitting", "crafts"], "links": [{ "title": "Sign up", "url": "https://example.org/knit" }], "eligibility": ["residents"] }
            """));
        await File.WriteAllTextAsync(path, catalog.ToJsonString());
        Assert.Equal(CatalogReload.Loaded, await updates.CheckAsync(default));
        Assert.Equal("knitting", source.Finder.Find("knitting circle").First().Resource.Id);

        // A broken edit: rejected, the last good catalog stays, the coordinator is told once what to fix.
        catalog["resources"]![0]!["categories"] = new JsonArray("moneyy");
        await File.WriteAllTextAsync(path, catalog.ToJsonString());
        Assert.Equal(CatalogReload.Rejected, await updates.CheckAsync(default));
        Assert.Equal(CatalogReload.Unchanged, await updates.CheckAsync(default));
        Assert.Equal("knitting", source.Finder.Find("knitting circle").First().Resource.Id);
        Assert.Contains("\"moneyy\" is not a category", source.LastProblem!.Message, StringComparison.Ordinal);
        var told = Assert.Single(messenger.ToUsers);
        Assert.Equal("29:coordinator-eli", told.To.Id);
        Assert.Contains("resources[0] (\"crisis-988\"): field 'categories': \"moneyy\" is not a category", told.Message.Text, StringComparison.Ordinal);
        Assert.Contains("still see the previous version", told.Message.Text, StringComparison.Ordinal);

        // Fixed: in use again, and the coordinator hears so.
        catalog["resources"]![0]!["categories"] = new JsonArray("crisis");
        await File.WriteAllTextAsync(path, catalog.ToJsonString());
        Assert.Equal(CatalogReload.Loaded, await updates.CheckAsync(default));
        Assert.Null(source.LastProblem);
        Assert.Contains("fixed and in use", messenger.ToUsers.Last().Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileAtStartUpIsAnErrorNamingIt()
    {
        var source = new CatalogSource(new ResourceSettings { CatalogPath = Path.Combine(_folder, "nope.json") }, NullLogger<CatalogSource>.Instance);
        var error = Assert.Throws<CatalogException>(() => source.Finder);
        Assert.Contains("nope.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
