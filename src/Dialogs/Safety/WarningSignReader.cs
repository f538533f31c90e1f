namespace WellnessBot.Dialogs.Safety;

/// <summary>What the patterns found in one message, and the signals they leave for the statistical check.</summary>
internal ref struct Findings(Span<uint> signals)
{
    private readonly Span<uint> _signals = signals;

    /// <summary>The warning sign the patterns saw, or <see cref="WarningSign.None"/>.</summary>
    public WarningSign Crisis { get; set; }
    public bool Distress { get; set; }

    /// <summary>The writer said the message is about them ("asking for me").</summary>
    public bool Claimed { get; set; }

    /// <summary>A warning sign the writer took back ("not suicidal", "I don't want to die").</summary>
    public bool TakenBack { get; set; }

    public int Count { get; private set; }
    public readonly ReadOnlySpan<uint> Signals => _signals[..Count];


    public void Signal(SignalKind kind, uint pattern)
    {
        if (Count < _signals.Length) _signals[Count++] = pattern ^ (uint)kind * 0x9E3779B1u;
    }
}

/// <summary>How a pattern's match ended: the statistical check learns from each kind separately.</summary>
internal enum SignalKind : uint { Cue = 1, TakenBack = 2, SomeoneElse = 3, Everyday = 4, Claimed = 5, CueOfKind = 6 }

/// <summary>
/// One pass of every pattern over a message's words: everyday wording first (idioms and topics, which cancel
/// what they overlap), then each warning sign with whose words it is, whether it is taken back, and the cues
/// that only together make a crisis.
/// </summary>
internal sealed class WarningSignReader(
    PatternIndex<SignPattern> crisis, PatternIndex<EverydayPattern> everyday, PatternIndex<bool> distress, PatternIndex<bool> claims,
    PatternIndex<bool> reassurances)
{
    private const int MaxEverydayMatches = 32;
    private const int MaxCues = 16;
    private readonly int _longest = new[] { crisis.LongestPattern, everyday.LongestPattern, distress.LongestPattern, claims.LongestPattern, reassurances.LongestPattern }.Max();

    /// <summary>Reads the message; <paramref name="trace"/>, for developers, receives every match and what became of it.</summary>
    public void Read(SafetyTokens tokens, ref Findings findings, List<string>? trace = null)
    {
        Span<int> positions = stackalloc int[_longest];
        Span<(int Start, int End)> spans = stackalloc (int, int)[MaxEverydayMatches];
        findings.Claimed = AnyMatch(claims, tokens, positions);
        if (findings.Claimed) findings.Signal(SignalKind.Claimed, 0);
        if (Reassured(tokens, positions))
        {
            findings.TakenBack = true;
            findings.Signal(SignalKind.TakenBack, 0);
        }
        var everydaySpans = spans[..FindEveryday(tokens, spans, positions, ref findings, trace)];

        Span<(int Pattern, int Start, int End)> cues = stackalloc (int, int, int)[MaxCues];
        var cueCount = 0;
        bool? besideWritersWords = null;
        for (var i = 0; i < tokens.Count && findings.Crisis == WarningSign.None; i++)
        {
            var entry = tokens[i].Entry;
            foreach (var p in crisis.StartingWith(entry))
            {
                var end = crisis.MatchAt(p, tokens, i, positions);
                if (end < 0 || Overlaps(everydaySpans, i, end)) continue;
                var sign = crisis[p];
                var hash = crisis.Pattern(p).Hash;
                var match = new PatternMatch(i, end, positions[crisis.Pattern(p).Anchor], positions[..crisis.Pattern(p).Length]);
                trace?.Add($"{sign.Sign} \"{sign.Pattern}\" at {i}..{end}: writer={WhoItIsAbout.IsTheWriter(tokens, match, sign.Subject, findings.Claimed)} taken back={sign.Negatable && WhoItIsAbout.IsNegated(tokens, i)} cue={sign.Cue}");
                if (!WhoItIsAbout.IsTheWriter(tokens, match, sign.Subject, findings.Claimed)) { findings.Signal(SignalKind.SomeoneElse, hash); continue; }
                if (sign.UnlessMoving && (tokens.Present & Concepts.Moving) != 0) continue;
                if (sign.Negatable && WhoItIsAbout.IsNegated(tokens, i))
                {
                    findings.Distress = true;
                    findings.TakenBack = true;
                    findings.Signal(SignalKind.TakenBack, hash);
                    continue;
                }
                if (sign.Cue == Cue.None) { findings.Crisis = sign.Sign; return; }
                findings.Signal(SignalKind.Cue, hash);
                findings.Signal(SignalKind.CueOfKind, (uint)sign.Cue);
                if (sign.Cue != Cue.Timeline)
                {
                    besideWritersWords ??= WritersOwnWordsAboutDeath(tokens, everydaySpans, positions, findings.Claimed);
                    if (besideWritersWords.Value) { findings.Crisis = sign.Sign; return; }
                }
                // Two cues, in different words ("saying goodbye" is one cue, however many patterns see it).
                foreach (var (earlier, start, stop) in cues[..cueCount])
                    if (earlier != p && (stop <= i || end <= start) && MakeACrisis(crisis[earlier].Cue, sign.Cue)) { findings.Crisis = sign.Sign; return; }
                if (cueCount < cues.Length) cues[cueCount++] = (p, i, end);
                findings.Distress |= sign.Cue != Cue.Timeline; // one cue alone: an open door, never an alarm
            }
            if (!findings.Distress)
                foreach (var p in distress.StartingWith(entry))
                    if (distress.MatchAt(p, tokens, i, positions) >= 0) { findings.Distress = true; break; }
        }
    }

    /// <summary>
    /// Two different cues make a crisis, except two kinds of means, or a time with anything but an intent, a recurring
    /// thought or a farewell ("my meds tonight", "I won't be here tomorrow" are ordinary).
    /// </summary>
    private static bool MakeACrisis(Cue first, Cue second)
    {
        if (first == Cue.Means && second == Cue.Means) return false;
        if (first == Cue.Timeline) return second is Cue.Intent or Cue.Ideation or Cue.Farewell;
        if (second == Cue.Timeline) return first is Cue.Intent or Cue.Ideation or Cue.Farewell;
        return true;
    }

    /// <summary>
    /// Whether the writer speaks of suicide, or of their own death, somewhere in the message (outside idioms; "dead"
    /// alone is too often tired).
    /// </summary>
    private static bool WritersOwnWordsAboutDeath(SafetyTokens tokens, ReadOnlySpan<(int Start, int End)> everyday, Span<int> positions, bool claimed)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].Is(Concepts.Suicide | Concepts.Die) || tokens[i].IsWord("dead") || Overlaps(everyday, i, i + 1)) continue;
            positions[0] = i;
            if (WhoItIsAbout.IsTheWriter(tokens, new PatternMatch(i, i + 1, i, positions[..1]), Subject.Writer, claimed)) return true;
        }
        return false;
    }

    /// <summary>Everyday wording in the message; a topic does not count when the writer says it is about them ("its for me").</summary>
    private int FindEveryday(SafetyTokens tokens, scoped Span<(int Start, int End)> found, scoped Span<int> positions, ref Findings findings, List<string>? trace)
    {
        var count = 0;
        for (var i = 0; i < tokens.Count && count < found.Length; i++)
            foreach (var p in everyday.StartingWith(tokens[i].Entry))
            {
                if (everyday[p].NotAfterMy && ((i > 0 && tokens[i - 1].IsWord("my")) || findings.Claimed)) continue;
                if (everyday[p].OnlyWith != Concepts.None && (tokens.Present & everyday[p].OnlyWith) == 0) continue;
                if (everyday[p].NotAfterInClause != Concepts.None && EarlierInClause(tokens, i, everyday[p].NotAfterInClause)) continue;
                var end = everyday.MatchAt(p, tokens, i, positions);
                if (end < 0) continue;
                found[count++] = (i, end);
                tokens.MarkEveryday(i, end);
                trace?.Add($"not a crisis: \"{everyday.Pattern(p).Text}\" at {i}..{end}");
                findings.Signal(SignalKind.Everyday, everyday.Pattern(p).Hash);
                if (count == found.Length) break;
            }
        return count;
    }

    private static bool EarlierInClause(SafetyTokens tokens, int index, Concepts concepts)
    {
        for (var i = tokens.ClauseStart(index); i < index; i++)
            if (tokens[i].Is(concepts)) return true;
        return false;
    }

    /// <summary>The writer says they are safe ("im safe, just hurting"), and not as a question ("if im safe").</summary>
    private bool Reassured(SafetyTokens tokens, Span<int> positions)
    {
        for (var i = 0; i < tokens.Count; i++)
            foreach (var p in reassurances.StartingWith(tokens[i].Entry))
                if (reassurances.MatchAt(p, tokens, i, positions) >= 0 && (i == 0 || !tokens[i - 1].Is(Concepts.Doubt))) return true;
        return false;
    }

    private static bool AnyMatch(PatternIndex<bool> index, SafetyTokens tokens, Span<int> positions)
    {
        for (var i = 0; i < tokens.Count; i++)
            foreach (var p in index.StartingWith(tokens[i].Entry))
                if (index.MatchAt(p, tokens, i, positions) >= 0) return true;
        return false;
    }

    private static bool Overlaps(ReadOnlySpan<(int Start, int End)> spans, int start, int end)
    {
        foreach (var (s, e) in spans)
            if (s < end && start < e) return true;
        return false;
    }
}
