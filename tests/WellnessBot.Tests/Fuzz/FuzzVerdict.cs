using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Fuzz;

/// <summary>What every malformed-input run must show: no 5xx, no turn that failed behind the answer, and enough valid cases.</summary>
internal static class FuzzVerdict
{
    public static void Assert(IReadOnlyList<string> fiveHundreds, CapturedLogs logs, IReadOnlyDictionary<int, int> statuses, int cases)
    {
        var errors = logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Select(l => l.Length > 1500 ? l[..1500] : l).Distinct().Take(3);
        Xunit.Assert.True(fiveHundreds.Count == 0, "5xx answers:\n" + string.Join("\n", fiveHundreds) + "\n" + string.Join("\n---\n", errors));
        var broken = logs.Lines.Where(l => l.Contains("failed in the background", StringComparison.Ordinal)).Take(5).ToList();
        Xunit.Assert.True(broken.Count == 0, "Turns that failed:\n" + string.Join("\n", broken));
        Xunit.Assert.True(statuses.GetValueOrDefault(200) > cases / 10, "Too few mutations were still valid requests: " + string.Join(", ", statuses));
    }
}
