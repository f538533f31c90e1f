using System.Buffers;

namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// One word of a message as the safety net sees it: its vocabulary entry (null when unknown), a hash of the word as
/// read (the entry's own word when known, so a slip hashes like the word it slipped from) and of its first letters,
/// and, inside double quotes, the index of the quote's first word (-1 outside quotes).
/// </summary>
internal readonly record struct SafetyToken(VocabularyEntry? Entry, uint Hash, uint Stem = 0, int Quote = -1)
{
    public Concepts Concepts => Entry?.Concepts ?? Concepts.None;
    public bool Is(Concepts concepts) => (Concepts & concepts) != 0;
    public bool IsWord(string word) => Entry?.Word == word;
}

/// <summary>
/// Turns a message into words, the way people type them: folded first (<see cref="SafetyText"/>), apostrophes
/// dropped ("I'm" and "im" are one word), and the vocabulary forgives the rest (held letters, digits for letters,
/// one slip, words run together). Sentences (. ! ? ; and line breaks) become clauses, which patterns never cross.
/// </summary>
internal sealed class SafetyTokens : IDisposable
{
    private const int MaxWordLength = 40; // longer runs are not words anyone types; they are skipped whole
    private static readonly HashSet<string> AgeWords = ["yo", "yof", "yom", "y"];

    private SafetyToken[] _tokens;
    private int[] _clauseStarts;
    private int[] _clauseEnds;
    private bool[] _everyday = [];

    private SafetyTokens(SafetyToken[] tokens, int[] starts, int[] ends, int count)
    {
        _tokens = tokens;
        _clauseStarts = starts;
        _clauseEnds = ends;
        Count = count;
    }

    public int Count { get; }

    /// <summary>Every concept some word of the message stands for.</summary>
    public Concepts Present { get; private set; }

    /// <summary>True when the message reads like clinical shorthand (pt, hx, sitter, "bed 12", "16yo"): subjectless clauses are about a patient.</summary>
    public bool HasChartSpeak => (Present & Concepts.ChartSpeak) != 0;

    public SafetyToken this[int index] => _tokens[index];

    /// <summary>Whether a word is part of everyday wording (an idiom, a topic) the patterns recognised.</summary>
    public bool IsEveryday(int index) => index < _everyday.Length && _everyday[index];

    /// <summary>Whether some word outside everyday wording stands for one of <paramref name="concepts"/>.</summary>
    public bool HasOutsideEveryday(Concepts concepts) => HasOutsideEveryday(concepts, notRightAfter: Concepts.None);

    /// <summary>Whether a word of <paramref name="concepts"/> stands outside everyday wording and not right after a word of <paramref name="notRightAfter"/>.</summary>
    public bool HasOutsideEveryday(Concepts concepts, Concepts notRightAfter) => HasOutsideEveryday(concepts, notRightAfter, Concepts.None, Concepts.None);

    /// <summary>
    /// As above, and a word of <paramref name="objectWords"/> does not count when a word of <paramref name="objectOf"/>
    /// comes right after it ("killed him" is about someone else).
    /// </summary>
    public bool HasOutsideEveryday(Concepts concepts, Concepts notRightAfter, Concepts objectWords, Concepts objectOf)
    {
        if ((Present & concepts) == 0) return false;
        for (var i = 0; i < Count; i++)
        {
            if (!_tokens[i].Is(concepts) || IsEveryday(i)) continue;
            if (notRightAfter != Concepts.None && i > 0 && _tokens[i - 1].Is(notRightAfter)) continue;
            if (_tokens[i].Is(objectWords) && !_tokens[i].Is(concepts & ~objectWords) && ObjectIs(i + 1, objectOf)) continue;
            return true;
        }
        return false;
    }

    /// <summary>Whether the word at <paramref name="i"/>, or the one after a determiner there ("killed my patient"), is of <paramref name="objectOf"/>.</summary>
    private bool ObjectIs(int i, Concepts objectOf)
    {
        if (i < Count && (_tokens[i].IsWord("my") || _tokens[i].IsWord("our") || _tokens[i].IsWord("the") || _tokens[i].IsWord("a") || _tokens[i].IsWord("that") || _tokens[i].IsWord("this"))) i++;
        return i < Count && _tokens[i].Is(objectOf) && !IsWe(i);
    }

    /// <summary>"Us", "we", "ourselves": someone else, but with the writer among them ("kill us all").</summary>
    private bool IsWe(int i) => _tokens[i].IsWord("us") || _tokens[i].IsWord("we") || _tokens[i].IsWord("ourselves");

    /// <summary>Marks words as everyday wording ("die for a nap"): the model weighs them apart from the same words elsewhere.</summary>
    public void MarkEveryday(int start, int end)
    {
        if (_everyday.Length == 0)
        {
            // The shared pool may hand back an array another component returned uncleared: a stale "true" would
            // read a word of this message as an idiom. Only our own returns are cleared, so clear it here.
            _everyday = ArrayPool<bool>.Shared.Rent(Count);
            Array.Clear(_everyday);
        }
        for (var i = start; i < end; i++) _everyday[i] = true;
    }
    public int ClauseStart(int index) => _clauseStarts[index];
    public int ClauseEnd(int index) => _clauseEnds[index];

    public static SafetyTokens Read(string text, Vocabulary vocabulary)
    {
        var folded = ArrayPool<char>.Shared.Rent(text.Length + 1);
        try
        {
            return Read(folded.AsSpan(0, SafetyText.Fold(text, folded)), vocabulary);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
        }
    }

    private static SafetyTokens Read(ReadOnlySpan<char> text, Vocabulary vocabulary)
    {
        var capacity = Math.Max(16, text.Length / 2 + 1);
        var read = new Reader(ArrayPool<SafetyToken>.Shared.Rent(capacity), ArrayPool<int>.Shared.Rent(capacity), vocabulary);
        Span<char> word = stackalloc char[MaxWordLength];
        int length = 0;
        bool tooLong = false, letters = false;

        var previous = '\0';
        foreach (var c in text)
        {
            if (c is '\'' or '’' or '‘' or 'ʼ' or '`' or '´') continue; // "don't" → "dont"
            var laughing = IsLaughingEmoji(previous, c);
            previous = c;
            if (char.IsLetterOrDigit(c) || (c == '*' && length > 0))
            {
                if (length == MaxWordLength) tooLong = true;
                else word[length++] = c;
                letters |= char.IsLetter(c);
                continue;
            }
            if (length > 0 && !tooLong) read.Add(word[..length], letters, vocabulary);
            (length, tooLong, letters) = (0, false, false);
            if (laughing) read.Add("lol", true, vocabulary); // "im dead 💀" reads as "im dead lol"
            else if (c is '.' or '!' or '?' or ';' or '\n' or '\r' or '…') read.Clause++;
            else if (c is '"' or '“' or '”' or '«' or '»') read.Quotes(c);
        }
        if (length > 0 && !tooLong) read.Add(word[..length], letters, vocabulary);

        var tokens = new SafetyTokens(read.Tokens, ArrayPool<int>.Shared.Rent(read.Count + 1), read.Clauses, read.Count);
        tokens.Finish(vocabulary);
        return tokens;
    }

    /// <summary>Emoji that mean laughing (😂 🤣 😆 😹 💀 ☠), as a surrogate pair ending in <paramref name="c"/> or one character.</summary>
    private static bool IsLaughingEmoji(char previous, char c) =>
        c == '\u2620' || (char.IsSurrogatePair(previous, c) && char.ConvertToUtf32(previous, c) is 0x1F602 or 0x1F923 or 0x1F606 or 0x1F639 or 0x1F480);

    /// <summary>The words read so far, with their clause numbers; a word run together ("killmyself") adds each of its words.</summary>
    private sealed class Reader(SafetyToken[] tokens, int[] clauses, Vocabulary vocabulary)
    {
        public SafetyToken[] Tokens { get; } = tokens;
        public int[] Clauses { get; } = clauses;
        public int Count { get; private set; }
        public int Clause { get; set; }
        private int _quote = -1;

        /// <summary>A double quote opens or closes someone's words ("pt stated “i want to die”").</summary>
        public void Quotes(char mark) => _quote = mark is '“' or '«' ? Count : mark is '”' or '»' ? -1 : _quote < 0 ? Count : -1;

        public void Add(ReadOnlySpan<char> typed, bool letters, Vocabulary vocabulary)
        {
            var entry = vocabulary.Find(typed, letters);
            if (entry is null && letters && vocabulary.Split(typed, out var first, out var second, out var third))
            {
                Put(first, first.Hash);
                Put(second, second.Hash);
                if (third is not null) Put(third, third.Hash);
                return;
            }
            var word = entry is null ? typed : entry.Word.AsSpan();
            Put(entry, entry?.Hash ?? Vocabulary.HashOf(typed), word.Length >= 6 ? Vocabulary.HashOf(word[..5]) : 0);
        }

        private void Put(VocabularyEntry? entry, uint hash, uint stem = 0)
        {
            if (Count == Tokens.Length) return; // cannot happen: a word takes at least two characters of the text
            if (Count > 0 && Clauses[Count - 1] == Clause && vocabulary.Together(Tokens[Count - 1].Entry, entry) is { } together)
            {
                Tokens[Count - 1] = new SafetyToken(together, together.Hash, together.Word.Length >= 6 ? Vocabulary.HashOf(together.Word.AsSpan(0, 5)) : 0, Tokens[Count - 1].Quote);
                return;
            }
            Clauses[Count] = Clause;
            Tokens[Count++] = new SafetyToken(entry, hash, stem, _quote);
        }
    }

    /// <summary>Clause bounds for every word, "bed 12" and "16 yo" read as clinical, and the concepts present.</summary>
    private void Finish(Vocabulary vocabulary)
    {
        var present = Concepts.None;
        var start = 0;
        for (var i = 0; i < Count; i++)
        {
            if (i > 0 && _clauseEnds[i] != _clauseEnds[i - 1]) start = i;
            _clauseStarts[i] = start;
            if (i > 0 && _tokens[i - 1].Is(Concepts.Number) && _tokens[i].Entry is { } age && AgeWords.Contains(age.Word))
                _tokens[i] = new SafetyToken(vocabulary.Age, vocabulary.Age.Hash, 0, _tokens[i].Quote);
            if (i > 0 && _tokens[i].Is(Concepts.Number) && _tokens[i - 1].Is(Concepts.Place)) present |= Concepts.ChartSpeak;
            present |= _tokens[i].Concepts;
        }
        // _clauseEnds held clause numbers until now: turn them into each clause's end (exclusive).
        var end = Count;
        for (var i = Count - 1; i >= 0; i--)
        {
            var number = _clauseEnds[i];
            _clauseEnds[i] = end;
            if (i > 0 && _clauseEnds[i - 1] != number) end = i;
        }
        Present = present;
    }

    public void Dispose()
    {
        if (_tokens.Length == 0) return;
        ArrayPool<SafetyToken>.Shared.Return(_tokens, clearArray: true);
        ArrayPool<int>.Shared.Return(_clauseStarts);
        ArrayPool<int>.Shared.Return(_clauseEnds);
        if (_everyday.Length > 0) ArrayPool<bool>.Shared.Return(_everyday, clearArray: true);
        (_tokens, _clauseStarts, _clauseEnds, _everyday) = ([], [], [], []);
    }
}
