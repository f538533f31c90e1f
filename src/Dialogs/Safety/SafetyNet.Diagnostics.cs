namespace WellnessBot.Dialogs.Safety;

/// <summary>For developers tuning the net (./bench.sh safety with SAFETY_EXPLAIN or SAFETY_WORDS); never used by the bot.</summary>
public sealed partial class SafetyNet
{
    /// <summary>The words the net knows, and whether slips of each are forgiven (see scripts/safety-real-words.py).</summary>
    internal IEnumerable<(string Word, bool Forgiving)> Words => _vocabulary.Entries.Select(e => (e.Word, e.Forgiving && e.Word.Length >= 4));

    /// <summary>How a message was read: its words and concepts, what the patterns found, and the model's score.</summary>
    internal IEnumerable<string> Explain(string text)
    {
        using var tokens = SafetyTokens.Read(text, _vocabulary);
        var lines = new List<string> { string.Join(' ', Enumerable.Range(0, tokens.Count).Select(i => $"{tokens[i].Entry?.Word ?? "?"}[{tokens[i].Concepts}]")) };
        var signals = new uint[MaxSignals];
        var findings = new Findings(signals);
        var trace = new List<string>();
        _reader.Read(tokens, ref findings, trace);
        lines.AddRange(trace);
        lines.Add($"patterns: crisis={findings.Crisis} distress={findings.Distress} claimed={findings.Claimed} signals={findings.Count}");
        if (_model is { } model)
            lines.Add($"model: score {model.Score(tokens, findings.Signals):F2} (crisis from {model.CrisisThreshold:F2} with a word of risk, {model.QuietThreshold:F2} " +
                $"with none, {model.AfterAnErrorThreshold:F2} with only an error or a death; this one: {BarFor(tokens)}; gentle offer from {model.DistressThreshold:F2})");
        lines.Add($"assessment: {Assess(text)}");
        return lines;
    }
}
