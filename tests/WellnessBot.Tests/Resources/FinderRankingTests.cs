using Microsoft.Extensions.Logging.Abstractions;
using WellnessBot.Dialogs.Resources;
using WellnessBot.Testing;
using WellnessBot.Tests.Harness;
using Xunit.Abstractions;

namespace WellnessBot.Tests.Resources;

/// <summary>The finder against the program's real catalog and a table of real-sounding questions.</summary>
public sealed class FinderRankingTests(ITestOutputHelper output)
{
    private static readonly ResourceFinder Finder =
        new CatalogSource(new ResourceSettings { CatalogPath = TestChat.RepoCatalog }, NullLogger<CatalogSource>.Instance).Finder;

    [Fact]
    public void TopThreeAccuracyOnTheQuestionTableIsAtLeast95Percent()
    {
        Assert.True(FinderQuestions.All.Count >= 40);
        var top1 = 0;
        var top3 = 0;
        var misses = new List<string>();
        foreach (var (question, expected) in FinderQuestions.All)
        {
            var found = Finder.Find(question).Select(m => m.Resource.Id).ToList();
            if (found.FirstOrDefault() == expected) top1++;
            if (found.Contains(expected)) top3++;
            else misses.Add($"“{question}” → [{string.Join(", ", found)}], expected {expected}");
        }
        output.WriteLine($"top-1 {top1}/{FinderQuestions.All.Count}, top-3 {top3}/{FinderQuestions.All.Count}");
        foreach (var miss in misses) output.WriteLine("miss: " + miss);
        Assert.True(top3 >= FinderQuestions.All.Count * 0.95, $"top-3 {top3}/{FinderQuestions.All.Count}:\n" + string.Join("\n", misses));
    }

    [Theory]
    [InlineData("counselling", "counseling")]
    [InlineData("burnout", "burned out")]
    [InlineData("babysitting", "babysitter")]
    [InlineData("childcare", "chidlcare")]
    [InlineData("financial advisor", "finacial advisor")]
    public void SpellingsStemsAndTyposFindTheSameResource(string one, string other) =>
        Assert.Equal(Finder.Find(one).First().Resource.Id, Finder.Find(other).First().Resource.Id);

    [Fact]
    public void EachMatchSaysWhyItMatched()
    {
        var match = Finder.Find("my kids need daycare").First();
        Assert.Equal("wellconnect", match.Resource.Id);
        Assert.Contains(match.Because, b => b.Contains("daycare", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("zebra crossing timetable")]
    [InlineData("xyzzy")]
    public void UnrelatedWordsMatchNothing(string question) => Assert.Empty(Finder.Find(question));

    [Fact]
    public void CrisisPutsCrisisHelpFirst()
    {
        var found = Finder.Find("childcare", crisis: true);
        Assert.Equal("crisis", found[0].Resource.Categories.Contains("crisis") ? "crisis" : found[0].Resource.Id);
        Assert.Contains(found, m => m.Resource.Id == "crisis-988");
    }
}
