using System.Diagnostics;
using System.Globalization;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Testing;

namespace WellnessBot.Benchmarks;

/// <summary>
/// Issue 6 of 9 (patient details stay out of kudos): the guard's recall on kudos with identifiers, by kind, its
/// false alarms on ordinary hospital kudos, by kind, and the time one check takes. Targets: recall 100%, false
/// alarms at most 3%.
/// </summary>
internal static class PatientDetailsBenchmark
{
    public static Task RunAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Patient-details guard for kudos, evaluation: tests/Shared/KudosCorpus/blind (written blind to the guard and to round 1)");
        Figures(KudosCorpus.BlindWithIdentifiers, KudosCorpus.BlindWithoutIdentifiers);
        Console.WriteLine("Round 1: tests/Shared/KudosCorpus (written apart from the guard; its misses were read while building it)");
        Figures(KudosCorpus.WithIdentifiers, KudosCorpus.WithoutIdentifiers);

        var texts = KudosCorpus.WithIdentifiers.Concat(KudosCorpus.WithoutIdentifiers).Select(l => l.Text).ToArray();
        for (var i = 0; i < 2_000; i++) PatientDetails.Find(texts[i % texts.Length]); // warm up
        var times = new List<double>();
        for (var i = 0; i < 20_000; i++)
        {
            var watch = Stopwatch.StartNew();
            PatientDetails.Find(texts[i % texts.Length]);
            times.Add(watch.Elapsed.TotalMicroseconds);
        }
        Console.WriteLine(Samples.From("one check", times).Line());
        return Task.CompletedTask;
    }

    private static void Figures(IReadOnlyList<KudosCorpus.Line> with, IReadOnlyList<KudosCorpus.Line> without)
    {
        var caught = Report("with identifiers", with, flaggedIsRight: true);
        var alarms = Report("without identifiers", without, flaggedIsRight: false);
        var flagged = caught + alarms;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  recall {100.0 * caught / with.Count:0.0}% (target 100%), false alarms {100.0 * alarms / without.Count:0.0}% (target ≤ 3%), precision {(flagged == 0 ? 0 : 100.0 * caught / flagged):0.0}%"));
    }

    /// <summary>Per category: how many the guard flagged. Returns the total flagged.</summary>
    private static int Report(string set, IReadOnlyList<KudosCorpus.Line> lines, bool flaggedIsRight)
    {
        var total = 0;
        foreach (var group in lines.GroupBy(l => l.Category))
        {
            var flagged = group.Count(l => PatientDetails.Find(l.Text).Count > 0);
            total += flagged;
            var rate = 100.0 * flagged / group.Count();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {set,-20} {group.Key,-48} n={group.Count(),4}  {(flaggedIsRight ? "caught" : "false alarms")} {rate,5:0.0}%"));
        }
        return total;
    }
}
