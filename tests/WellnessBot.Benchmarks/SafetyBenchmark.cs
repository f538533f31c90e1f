using System.Diagnostics;
using System.Globalization;
using WellnessBot.Dialogs.Safety;
using WellnessBot.Testing;

namespace WellnessBot.Benchmarks;

/// <summary>
/// Issue 1 of 9 (safety net): per category of the evaluation corpus, the recall (crisis categories) or the
/// false-alarm rate (everything else), and the time one check takes. Targets: 100% recall, at most 5% false
/// alarms overall and 10% in any category, under 20 µs median for a 200-character message.
/// </summary>
internal static class SafetyBenchmark
{
    public static Task RunAsync()
    {
        var net = SafetyNet.Standard;
        if (Environment.GetEnvironmentVariable("SAFETY_WORDS") is { Length: > 0 } wordsFile)
        {
            File.WriteAllLines(wordsFile, net.Words.Select(w => w.Word + "\t" + (w.Forgiving ? "1" : "0")));
            return Task.CompletedTask;
        }
        if (Environment.GetEnvironmentVariable("SAFETY_EXPLAIN") is { Length: > 0 } explain)
        {
            foreach (var line in net.Explain(explain)) Console.WriteLine(line);
            return Task.CompletedTask;
        }
        if (Environment.GetEnvironmentVariable("SAFETY_CORPUS") is { Length: > 0 } folder)
        {
            // A new blind round is scored here, from where it was written, before anyone reads it.
            Console.WriteLine($"Safety net, on {folder}");
            Report(net, SafetyCorpus.Load(folder));
            return Task.CompletedTask;
        }
        Console.WriteLine();
        Console.WriteLine("Safety net, on the evaluation corpus (tests/Shared/SafetyCorpus/evaluation: written blind, never trained on)");
        Report(net, SafetyCorpus.Evaluation);
        Console.WriteLine("Safety net, on the training corpus (tests/Shared/SafetyCorpus/training: what the model learnt from)");
        Report(net, SafetyCorpus.Training);
        Time(net);
        return Task.CompletedTask;
    }

    private static void Report(SafetyNet net, IReadOnlyList<SafetyCorpus.Category> corpus)
    {
        Console.WriteLine("  category                 kind         n   result                  gentle offer");
        int falseAlarms = 0, notCrisis = 0, misses = 0, crisis = 0;
        foreach (var category in corpus)
        {
            var signals = category.Messages.Select(m => net.Assess(m.Text).Signal).ToList();
            var flagged = signals.Count(s => s == SafetySignal.Crisis);
            var gentle = signals.Count(s => s == SafetySignal.Distress);
            var n = category.Messages.Count;
            var result = category.Crisis
                ? $"recall {Percent(flagged, n),6}  ({n - flagged} missed)"
                : $"false alarms {Percent(flagged, n),6}  ({flagged})";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {category.Name,-24} {(category.Crisis ? "crisis" : "not crisis"),-10} {n,4}   {result,-30} {Percent(gentle, n),6}"));
            if (category.Crisis) { crisis += n; misses += n - flagged; }
            else { notCrisis += n; falseAlarms += flagged; }
            if (Environment.GetEnvironmentVariable("SAFETY_SHOW") is { Length: > 0 } show && (show == "all" || show == category.Name))
                foreach (var (message, signal) in category.Messages.Zip(signals))
                    if ((signal == SafetySignal.Crisis) != category.Crisis)
                        Console.WriteLine($"      {message.File}:{message.Line}: {message.Text}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  overall: recall {Percent(crisis - misses, crisis)} of {crisis} crisis messages; false alarms {Percent(falseAlarms, notCrisis)} of {notCrisis} others   targets: recall 100%, false alarms ≤ 5% (≤ 10% in every category)"));
    }

    /// <summary>
    /// ./bench.sh safety-train: trains the statistical check on the training corpus, writes
    /// src/Dialogs/Safety/Model/safety-model.bin.gz, and prints how the net with the new model does on the
    /// evaluation corpus, which training never sees.
    /// </summary>
    public static Task TrainAsync()
    {
        var training = SafetyModelTraining.Examples(SafetyCorpus.Training);
        var started = Stopwatch.StartNew();
        var options = SafetyModelTraining.Options;
        // For trying other settings before changing the recipe in tests/Shared/SafetyModelTraining.cs.
        static double? Setting(string name) => double.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var v) ? v : null;
        options = options with
        {
            FalseAlarms = Setting("SAFETY_FALSE_ALARMS") ?? options.FalseAlarms,
            Epochs = (int)(Setting("SAFETY_EPOCHS") ?? options.Epochs),
            LearningRate = Setting("SAFETY_LEARNING_RATE") ?? options.LearningRate,
            L2 = Setting("SAFETY_L2") ?? options.L2,
            Bits = (int)(Setting("SAFETY_BITS") ?? options.Bits),
            QuietFalseAlarms = Setting("SAFETY_QUIET_FALSE_ALARMS") ?? options.QuietFalseAlarms,
        };
        var (model, cv) = SafetyModelTraining.TrainAndValidate(options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {training.Count} messages ({training.Count(e => e.Crisis)} crisis) in {started.Elapsed.TotalSeconds:F1} s; crisis from score {model.CrisisThreshold:F2}, " +
            $"{model.QuietThreshold:F2} without a word of risk, {model.AfterAnErrorThreshold:F2} with only an error or a death, gentle offer from {model.DistressThreshold:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Out of fold (five folds of the training corpus): recall {cv.Recall:P1}, false alarms {cv.FalseAlarms:P1}; " +
            $"the {cv.Quiet} messages without a word of risk: recall {cv.QuietRecall:P1}, false alarms {cv.QuietFalseAlarms:P1}"));
        var file = Path.Combine(RepoPaths.Root, "src", "Dialogs", "Safety", "Model", "safety-model.bin.gz");
        using (var stream = File.Create(file)) model.Write(stream);
        Console.WriteLine($"Wrote {Path.GetRelativePath(RepoPaths.Root, file)} ({new FileInfo(file).Length / 1024} KiB)");
        var net = new SafetyNet(new SafetySettings(), model);
        // While tuning, only the first evaluation round is looked at; the second stays unseen until the figures are final.
        var round = Environment.GetEnvironmentVariable("SAFETY_EVALUATION_ROUND");
        Console.WriteLine(round is null ? "Evaluation corpus:" : $"Evaluation corpus, round {round} only:");
        Report(net, round is null ? SafetyCorpus.Evaluation : [.. SafetyCorpus.Evaluation
            .Select(c => c with { Messages = [.. c.Messages.Where(m => m.File.EndsWith("-" + round + ".txt", StringComparison.Ordinal))] })
            .Where(c => c.Messages.Count > 0)]);
        return Task.CompletedTask;
    }

    /// <summary>The time per check: a 200-character message (median of many), and the whole corpus message by message.</summary>
    private static void Time(SafetyNet net)
    {
        var texts = SafetyCorpus.Evaluation.Concat(SafetyCorpus.Training).SelectMany(c => c.Messages).Select(m => m.Text).ToArray();
        var twoHundred = texts.Where(t => t.Length >= 200).Select(t => t[..200]).ToArray();
        for (var i = 0; i < 3; i++)
            foreach (var t in texts) net.Assess(t); // warm up: tiering and the JIT's profile
        var samples = new List<double>(twoHundred.Length * 50);
        for (var round = 0; round < 50; round++)
            foreach (var t in twoHundred)
            {
                var start = Stopwatch.GetTimestamp();
                net.Assess(t);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        Console.WriteLine(Samples.From("check of a 200-character message", samples).Line("median < 20 µs"));
        var all = Stopwatch.StartNew();
        var rounds = 20;
        for (var round = 0; round < rounds; round++)
            foreach (var t in texts) net.Assess(t);
        all.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  whole corpus: {texts.Length} messages (mean {texts.Average(t => t.Length):F0} characters), {all.Elapsed.TotalMicroseconds / (rounds * texts.Length):F1} µs a check on average"));
        var huge = string.Concat(Enumerable.Repeat("on call again and the pager keeps going off honestly ", 400));
        var longStart = Stopwatch.GetTimestamp();
        net.Assess(huge);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  a {huge.Length:N0}-character message: {Samples.Format(Stopwatch.GetElapsedTime(longStart).TotalMicroseconds)} (linear: about {huge.Length / 200} × a 200-character check)"));
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "–" : (part * 100.0 / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
