namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// A sequence of words and concepts with short gaps, matched inside one clause: <c>"WANT ..3 DIE"</c>,
/// <c>"{take end} my own? life"</c>. Elements: a word (lowercase), a concept (capitals), <c>{a b C}</c> any of them,
/// <c>!{…}</c> any other word (or the clause's end), <c>$</c> the clause's end, a trailing <c>?</c> for an optional
/// element, <c>..N</c> for up to N skipped words before the next element (<c>..</c> is three), and a leading
/// <c>^</c> on the element whose subject decides whose words these are (by default the last one).
/// A pattern is a fixed sequence with bounded gaps, and each (element, word) pair is tried at most once per start,
/// so a check costs a bounded amount per word: linear in the message, whatever it says.
/// </summary>
internal sealed class TokenPattern
{
    private const int DefaultGap = 3;
    private readonly Step[] _steps;

    private TokenPattern(string text, Step[] steps, int anchor)
    {
        Text = text;
        Hash = Vocabulary.HashOf(text);
        _steps = steps;
        Anchor = anchor;
    }

    public string Text { get; }

    /// <summary>The pattern's text hashed: how the statistical check knows it, whatever its place in the lists.</summary>
    public uint Hash { get; }

    /// <summary>How many elements the pattern has (the size of the positions a match fills in).</summary>
    public int Length => _steps.Length;

    /// <summary>The element whose subject is the match's subject ("WANT .. ^DIE": who dies).</summary>
    public int Anchor { get; }

    /// <summary>Whether a word can begin this pattern (used to index patterns by their first word).</summary>
    public bool CanStartWith(VocabularyEntry entry) => _steps[0].Matches(entry);

    /// <summary>
    /// The end (exclusive) of a match starting at <paramref name="start"/>, or -1. <paramref name="positions"/>
    /// (at least <see cref="Length"/> long) receives each element's word, or -1 for an element left out.
    /// </summary>
    public int MatchAt(SafetyTokens tokens, int start, int clauseEnd, Span<int> positions)
    {
        if (!_steps[0].Matches(tokens[start].Entry)) return -1;
        positions[0] = start;
        Span<ulong> failed = stackalloc ulong[_steps.Length];
        return Continue(tokens, 1, start + 1, start, clauseEnd, failed, positions);
    }

    private int Continue(SafetyTokens tokens, int k, int position, int start, int clauseEnd, Span<ulong> failed, Span<int> positions)
    {
        if (k == _steps.Length) return position;
        var step = _steps[k];
        positions[k] = -1;
        if (step.EndOfClause) return position == clauseEnd ? Continue(tokens, k + 1, position, start, clauseEnd, failed, positions) : -1;
        if (step.Negated)
        {
            if (position < clauseEnd && step.Matches(tokens[position].Entry)) return -1;
            return Continue(tokens, k + 1, Math.Min(position + 1, clauseEnd), start, clauseEnd, failed, positions);
        }
        var offset = position - start;
        var remembered = offset < 64;
        if (remembered && (failed[k] & (1UL << offset)) != 0) return -1;
        for (var at = position; at <= position + step.MaxGap && at < clauseEnd; at++)
        {
            if (!step.Matches(tokens[at].Entry)) continue;
            positions[k] = at;
            var end = Continue(tokens, k + 1, at + 1, start, clauseEnd, failed, positions);
            if (end >= 0) return end;
        }
        positions[k] = -1;
        if (step.Optional)
        {
            var end = Continue(tokens, k + 1, position, start, clauseEnd, failed, positions);
            if (end >= 0) return end;
        }
        if (remembered) failed[k] |= 1UL << offset;
        return -1;
    }

    /// <summary>Reads a pattern; its words are added to the vocabulary through <paramref name="word"/> (so their slips are forgiven too).</summary>
    public static TokenPattern Parse(string text, Func<string, VocabularyEntry> word)
    {
        var steps = new List<Step>();
        var gap = 0;
        var anchor = -1;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            if (text.AsSpan(i).StartsWith(".."))
            {
                gap = ReadGap(text, ref i);
                continue;
            }
            if (text[i] == '^')
            {
                anchor = steps.Count;
                i++;
            }
            var negated = text[i] == '!';
            if (negated) i++;
            var parts = ReadElement(text, ref i);
            var optional = i < text.Length && text[i] == '?';
            if (optional) i++;
            if (steps.Count == 0 && (negated || optional || gap > 0))
                throw new FormatException($"Safety pattern \"{text}\" must begin with a plain element.");
            steps.Add(Step.Of(parts, word, text) with { MaxGap = gap, Optional = optional, Negated = negated });
            gap = 0;
        }
        if (steps.Count == 0) throw new FormatException("An empty safety pattern.");
        if (anchor < 0) anchor = steps.FindLastIndex(s => !s.Negated && !s.EndOfClause);
        return new TokenPattern(text, [.. steps], anchor);
    }

    /// <summary>"..N" (or ".." for the default): how many words may be skipped before the next element.</summary>
    private static int ReadGap(string text, ref int i)
    {
        i += 2;
        var digits = i;
        while (i < text.Length && char.IsDigit(text[i])) i++;
        return digits == i ? DefaultGap : int.Parse(text.AsSpan(digits, i - digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One element: "{a b C}" or a single word or concept.</summary>
    private static string[] ReadElement(string text, ref int i)
    {
        if (text[i] == '{')
        {
            var close = text.IndexOf('}', i);
            if (close < 0) throw new FormatException($"Unclosed '{{' in safety pattern \"{text}\".");
            var parts = text[(i + 1)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            i = close + 1;
            return parts;
        }
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '?') i++;
        return [text[start..i]];
    }

    private readonly record struct Step(Concepts Any, VocabularyEntry[] Words)
    {
        public int MaxGap { get; init; }
        public bool Optional { get; init; }
        public bool Negated { get; init; }
        public bool EndOfClause { get; init; }

        public bool Matches(VocabularyEntry? entry)
        {
            if (entry is null) return false;
            if ((entry.Concepts & Any) != 0) return true;
            foreach (var w in Words)
                if (ReferenceEquals(w, entry)) return true;
            return false;
        }

        public static Step Of(string[] parts, Func<string, VocabularyEntry> word, string pattern)
        {
            if (parts is ["$"]) return new Step(Concepts.None, []) { EndOfClause = true };
            var any = Concepts.None;
            var words = new List<VocabularyEntry>();
            foreach (var part in parts)
            {
                if (part.Length > 1 && part.All(char.IsUpper))
                {
                    if (!Enum.TryParse<Concepts>(part, ignoreCase: true, out var concept) || concept == Concepts.None)
                        throw new FormatException($"Unknown concept {part} in safety pattern \"{pattern}\".");
                    any |= concept;
                }
                else if (part.All(c => char.IsLower(c) || char.IsDigit(c))) words.Add(word(part));
                else throw new FormatException($"\"{part}\" in safety pattern \"{pattern}\" is neither a lowercase word nor a CONCEPT.");
            }
            return new Step(any, [.. words]);
        }
    }
}
