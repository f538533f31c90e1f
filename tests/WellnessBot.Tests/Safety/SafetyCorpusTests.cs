using WellnessBot.Dialogs.Safety;

namespace WellnessBot.Tests.Safety;

/// <summary>
/// The safety net measured on the corpora, category by category (see tests/Shared/SafetyCorpus and ./bench.sh safety).
/// The evaluation corpus was written blind and is never trained on (its blind first score is in the README); each
/// category has its own floor, so a change that loses recall in one category fails here even if
/// the total looks fine. Targets: 100% recall, at most 5% false alarms overall and 10% in any category.
/// </summary>
public sealed class SafetyCorpusTests
{
    private static readonly SafetyNet Net = SafetyNet.Standard;

    /// <summary>Recall on the evaluation corpus, per crisis category: the figures this version reaches, as floors.</summary>
    private static readonly Dictionary<string, double> EvaluationRecallFloors = new()
    {
        ["suicidal-thoughts"] = 1.0, ["wish-dead"] = 0.98, ["hopelessness"] = 1.0, ["burden"] = 1.0,
        ["plan-means"] = 1.0, ["self-harm"] = 1.0, ["farewell"] = 1.0, ["adverse-event"] = 1.0,
    };

    public static TheoryData<string> CrisisCategories => [.. EvaluationRecallFloors.Keys];

    private static readonly string[] Others = ["idiom", "clinical", "second-victim", "resource-question", "kudos-crisis-work", "everyday", "distress", "third-person"];

    public static TheoryData<string> OtherCategories => [.. Others];

    [Fact]
    public void TheCorporaAreLargeAndSaySourcesForEveryCategory()
    {
        Assert.True(SafetyCorpus.Evaluation.Where(c => c.Crisis).Sum(c => c.Messages.Count) >= 400);
        Assert.True(SafetyCorpus.Evaluation.Where(c => !c.Crisis).Sum(c => c.Messages.Count) >= 400);
        foreach (var category in SafetyCorpus.Evaluation.Concat(SafetyCorpus.Training))
        {
            Assert.True(category.Sources.Count > 0, $"{category.Name} records no sources");
            Assert.True(category.Messages.Count >= 30, $"{category.Name} has only {category.Messages.Count} messages");
        }
        Assert.Equal(EvaluationRecallFloors.Keys.Order(), SafetyCorpus.Evaluation.Where(c => c.Crisis).Select(c => c.Name).Order());
        Assert.Equal(Others.Order(), SafetyCorpus.Evaluation.Where(c => !c.Crisis).Select(c => c.Name).Order());
    }

    [Theory]
    [MemberData(nameof(CrisisCategories))]
    public void EveryCrisisCategoryKeepsItsRecallOnTheEvaluationCorpus(string name)
    {
        var category = SafetyCorpus.Evaluation.Single(c => c.Crisis && c.Name == name);
        var missed = category.Messages.Where(m => Net.Check(m.Text) != SafetySignal.Crisis).ToList();
        var recall = 1 - (double)missed.Count / category.Messages.Count;
        Assert.True(recall >= EvaluationRecallFloors[name],
            $"{name}: recall {recall:P1}, floor {EvaluationRecallFloors[name]:P0}; missed:\n" + string.Join("\n", missed.Select(m => $"{m.File}:{m.Line}")));
    }

    [Theory]
    [MemberData(nameof(OtherCategories))]
    public void NoOtherCategoryRaisesMoreThanOneFalseAlarmInTen(string name)
    {
        var category = SafetyCorpus.Evaluation.Single(c => !c.Crisis && c.Name == name);
        var alarms = category.Messages.Where(m => Net.Check(m.Text) == SafetySignal.Crisis).ToList();
        Assert.True(alarms.Count <= category.Messages.Count / 10.0,
            $"{name}: {alarms.Count} false alarms in {category.Messages.Count}:\n" + string.Join("\n", alarms.Select(m => $"{m.File}:{m.Line}")));
    }

    [Fact]
    public void FalseAlarmsStayAtFivePercentOrLessOverall()
    {
        var others = SafetyCorpus.Evaluation.Where(c => !c.Crisis).SelectMany(c => c.Messages).ToList();
        var alarms = others.Count(m => Net.Check(m.Text) == SafetySignal.Crisis);
        Assert.True(alarms <= others.Count * 0.05, $"{alarms} false alarms in {others.Count}");
    }

    [Fact]
    public void EveryCrisisMessageTheModelLearntFromIsCaught()
    {
        var missed = SafetyCorpus.Training.Where(c => c.Crisis).SelectMany(c => c.Messages).Where(m => Net.Check(m.Text) != SafetySignal.Crisis).ToList();
        var all = SafetyCorpus.Training.Where(c => c.Crisis).Sum(c => c.Messages.Count);
        Assert.True(missed.Count <= all * 0.01, $"{missed.Count} of {all} training crisis messages missed:\n" + string.Join("\n", missed.Take(20).Select(m => $"{m.File}:{m.Line}")));
    }
}
