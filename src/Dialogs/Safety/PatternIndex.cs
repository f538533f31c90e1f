namespace WellnessBot.Dialogs.Safety;

/// <summary>Something indexed by the vocabulary once it is sealed.</summary>
internal interface IIndexed
{
    void Index(Vocabulary vocabulary);
}

/// <summary>Patterns, each with what it means, indexed by the words they can start on, so a word only tries its own.</summary>
internal sealed class PatternIndex<TMeaning> : IIndexed
{
    private readonly TokenPattern[] _patterns;
    private readonly TMeaning[] _meanings;
    private int[][] _startingWith = [];

    public PatternIndex(Vocabulary vocabulary, IEnumerable<(TMeaning Meaning, string Pattern)> patterns)
    {
        var list = patterns.ToList();
        _patterns = [.. list.Select(p => TokenPattern.Parse(p.Pattern, vocabulary.Word))];
        _meanings = [.. list.Select(p => p.Meaning)];
    }

    /// <summary>Indexes every pattern by the words it can start on; once the vocabulary is sealed.</summary>
    public void Index(Vocabulary vocabulary)
    {
        var starts = new int[vocabulary.Count][];
        foreach (var entry in vocabulary.Entries)
        {
            var mine = new List<int>();
            for (var p = 0; p < _patterns.Length; p++)
                if (_patterns[p].CanStartWith(entry)) mine.Add(p);
            starts[entry.Id] = [.. mine];
        }
        _startingWith = starts;
    }

    public TMeaning this[int pattern] => _meanings[pattern];

    public ReadOnlySpan<int> StartingWith(VocabularyEntry? entry) => entry is null ? [] : _startingWith[entry.Id];

    /// <summary>The longest pattern, for sizing the positions a match fills in.</summary>
    public int LongestPattern => _patterns.Max(p => p.Length);

    public TokenPattern Pattern(int pattern) => _patterns[pattern];

    /// <summary>The end (exclusive) of pattern <paramref name="pattern"/> matched at <paramref name="start"/>, or -1.</summary>
    public int MatchAt(int pattern, SafetyTokens tokens, int start, Span<int> positions) =>
        _patterns[pattern].MatchAt(tokens, start, tokens.ClauseEnd(start), positions);
}
