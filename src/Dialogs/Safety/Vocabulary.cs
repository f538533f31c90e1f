using System.Collections.Frozen;

namespace WellnessBot.Dialogs.Safety;

/// <summary>A word the safety net knows: its spelling, the concepts it stands for, and its index for pattern lookups.</summary>
internal sealed class VocabularyEntry(string word, int id)
{
    public string Word { get; } = word;
    public int Id { get; } = id;
    public uint Hash { get; } = Vocabulary.HashOf(word);
    public Concepts Concepts { get; set; }

    /// <summary>One slip of this word is read as the word ("sucide", "myslef").</summary>
    public bool Forgiving { get; set; }
}

/// <summary>
/// Every word the safety net knows, found from what people actually type: exact, with digits used as letters,
/// with letters held down ("dieeee"), with "*" for a letter ("k*ll"), or with one slip of a key word (a letter
/// missing, added, swapped or changed: "suicdal", "kil", "slef"). Real English words are never "corrected" into
/// key words ("overdone" is not "overdose"), see <see cref="RealWords"/>.
/// </summary>
internal sealed class Vocabulary
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AgeSuffixes =
        FrozenSet.Create(StringComparer.Ordinal, "yo", "yof", "yom", "yr", "yrs").GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly Dictionary<string, VocabularyEntry> _words = new(StringComparer.Ordinal);
    private Dictionary<string, VocabularyEntry>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private Dictionary<string, List<VocabularyEntry>>.AlternateLookup<ReadOnlySpan<char>> _slips;
    private FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _realWords;
    private VocabularyEntry[] _forgiving = [];
    private bool _sealed;

    public Vocabulary()
    {
        Number = Add("#", Concepts.Number, forgiving: false);
        Age = Add("#yo", Concepts.Other | Concepts.ChartSpeak, forgiving: false);
    }

    /// <summary>Any number ("12" in "bed 12").</summary>
    public VocabularyEntry Number { get; }

    /// <summary>An age as charts write it ("16yo", "16 yo"): a patient.</summary>
    public VocabularyEntry Age { get; }

    public int Count => _words.Count;

    /// <summary>Adds a word (or more concepts to a known one). Only before <see cref="Seal"/>.</summary>
    public VocabularyEntry Add(string word, Concepts concepts, bool forgiving)
    {
        if (_sealed) throw new InvalidOperationException("The safety vocabulary is sealed.");
        if (!_words.TryGetValue(word, out var entry)) _words[word] = entry = new VocabularyEntry(word, _words.Count);
        entry.Concepts |= concepts;
        entry.Forgiving |= forgiving;
        return entry;
    }

    private readonly Dictionary<(VocabularyEntry, VocabularyEntry), VocabularyEntry> _compounds = [];

    /// <summary>Reads <paramref name="first"/> followed by <paramref name="second"/> as the one word <paramref name="together"/>.</summary>
    public void Compound(string first, string second, string together) => _compounds[(Word(first), Word(second))] = Word(together);

    /// <summary>The one word two neighbouring words make together, or null.</summary>
    public VocabularyEntry? Together(VocabularyEntry? first, VocabularyEntry? second) =>
        first is not null && second is not null && _compounds.TryGetValue((first, second), out var together) ? together : null;

    /// <summary>Reads <paramref name="misspelling"/> as <paramref name="word"/>. Only before <see cref="Seal"/>.</summary>
    public void Alias(string misspelling, string word)
    {
        if (_sealed) throw new InvalidOperationException("The safety vocabulary is sealed.");
        _words[misspelling] = Word(word);
    }

    /// <summary>A word a pattern names: known, or added with no concept (forgiving when long enough to be safe).</summary>
    public VocabularyEntry Word(string word) => _words.TryGetValue(word, out var entry) ? entry : Add(word, Concepts.None, word.Length >= 4);

    /// <summary>Builds the lookups once every word is in.</summary>
    public void Seal()
    {
        _sealed = true;
        _exact = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        _forgiving = [.. _words.Values.Where(e => e.Forgiving && e.Word.Length >= 4)];
        var slips = new Dictionary<string, List<VocabularyEntry>>(StringComparer.Ordinal);
        foreach (var entry in _forgiving)
        {
            Add(slips, entry.Word, entry);
            for (var i = 0; i < entry.Word.Length; i++) Add(slips, entry.Word.Remove(i, 1), entry);
        }
        _slips = slips.GetAlternateLookup<ReadOnlySpan<char>>();
        _realWords = RealWords.All.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IEnumerable<VocabularyEntry> Entries => _words.Values.Distinct();

    public VocabularyEntry? Get(string word) => _words.GetValueOrDefault(word);

    /// <summary>The entry for a typed word, or null. <paramref name="hasLetters"/>: false for numbers, which are never words.</summary>
    public VocabularyEntry? Find(ReadOnlySpan<char> typed, bool hasLetters)
    {
        if (!hasLetters) return Number;
        if (_exact.TryGetValue(typed, out var found)) return found;
        if (char.IsDigit(typed[0]))
        {
            var digits = 0;
            while (digits < typed.Length && char.IsDigit(typed[digits])) digits++;
            if (AgeSuffixes.Contains(typed[digits..])) return Age;
        }
        Span<char> buffer = stackalloc char[typed.Length];
        if (ReadDigitsAsLetters(typed, buffer) && _exact.TryGetValue(buffer, out found)) return found;
        if (typed.Contains('*')) return Wildcard(typed);
        var held = Unhold(typed, buffer, keep: 2);
        if (held < typed.Length)
        {
            if (_exact.TryGetValue(buffer[..held], out found)) return found;
            var once = Unhold(typed, buffer, keep: 1);
            if (_exact.TryGetValue(buffer[..once], out found)) return found;
            return Slip(buffer[..Unhold(typed, buffer, keep: 2)]);
        }
        if (Undouble(typed, buffer) is > 0 and var single && !_realWords.Contains(typed) && _exact.TryGetValue(buffer[..single], out found)) return found;
        return Slip(typed);
    }

    /// <summary>A word's hash for the statistical check (FNV-1a): the same on every machine and every run.</summary>
    public static uint HashOf(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word) hash = (hash ^ c) * 16777619u;
        return hash;
    }

    /// <summary>
    /// Words run together ("killmyself", "#endmylife", "wanttodie"): two or three known words, one of them a key
    /// word. Only tried for long unknown words that contain a key word, so "together" stays one word.
    /// </summary>
    public bool Split(ReadOnlySpan<char> typed, out VocabularyEntry first, out VocabularyEntry second, out VocabularyEntry? third)
    {
        (first, second, third) = (null!, null!, null);
        if (typed.Length < 6 || !ContainsKeyWord(typed)) return false;
        for (var i = 2; i <= typed.Length - 2; i++)
        {
            if (!_exact.TryGetValue(typed[..i], out var a)) continue;
            if (_exact.TryGetValue(typed[i..], out var b) && IsKey(a, b, null)) { (first, second) = (a, b); return true; }
            for (var j = i + 2; j <= typed.Length - 2; j++)
                if (_exact.TryGetValue(typed[i..j], out var m) && _exact.TryGetValue(typed[j..], out var c) && IsKey(a, m, c))
                {
                    (first, second, third) = (a, m, c);
                    return true;
                }
        }
        return false;
    }

    private static bool ContainsKeyWord(ReadOnlySpan<char> typed) =>
        typed.Contains("myself", StringComparison.Ordinal) || typed.Contains("kill", StringComparison.Ordinal) || typed.Contains("die", StringComparison.Ordinal)
        || typed.Contains("dead", StringComparison.Ordinal) || typed.Contains("suicid", StringComparison.Ordinal) || typed.Contains("alive", StringComparison.Ordinal)
        || typed.Contains("harm", StringComparison.Ordinal) || typed.Contains("life", StringComparison.Ordinal);

    private const Concepts KeyWords = Concepts.Suicide | Concepts.Kill | Concepts.Die | Concepts.Harm | Concepts.Reflexive | Concepts.Alive;

    private static bool IsKey(VocabularyEntry a, VocabularyEntry b, VocabularyEntry? c) =>
        ((a.Concepts | b.Concepts | (c?.Concepts ?? Concepts.None)) & KeyWords) != 0;

    /// <summary>"gunn" → "gun": the first doubled letter typed once. Returns the new length, or 0 when nothing doubled.</summary>
    private static int Undouble(ReadOnlySpan<char> typed, Span<char> into)
    {
        for (var i = 1; i < typed.Length; i++)
        {
            if (typed[i] != typed[i - 1] || !char.IsLetter(typed[i])) continue;
            typed[..i].CopyTo(into);
            typed[(i + 1)..].CopyTo(into[i..]);
            return typed.Length - 1;
        }
        return 0;
    }

    /// <summary>
    /// One slip of a forgiving word: a letter missing ("kil"), a letter added, two swapped ("slef"), or one changed.
    /// When a typed word is one slip from several words, the likelier slip wins, in that order ("thigns" is "things").
    /// </summary>
    private VocabularyEntry? Slip(ReadOnlySpan<char> typed)
    {
        if (typed.Length < 3 || _realWords.Contains(typed)) return null;
        // Three typed letters lost one of four: only from its middle or end ("kil"), never its first ("ite" is not "bite").
        if (_slips.TryGetValue(typed, out var longer))
            foreach (var entry in longer)
                if (entry.Word.Length == typed.Length + 1 && (typed.Length > 3 || entry.Word[0] == typed[0])) return entry;
        Span<char> shorter = stackalloc char[typed.Length - 1];
        VocabularyEntry? best = null;
        var bestKind = int.MaxValue;
        for (var i = 0; i < typed.Length; i++)
        {
            typed[..i].CopyTo(shorter);
            typed[(i + 1)..].CopyTo(shorter[i..]);
            if (!_slips.TryGetValue(shorter, out var candidates)) continue;
            foreach (var entry in candidates)
            {
                var kind = SlipKind(typed, entry.Word);
                if (kind < bestKind) (best, bestKind) = (entry, kind);
            }
        }
        return best;
    }

    /// <summary>
    /// How <paramref name="typed"/> slipped from <paramref name="word"/>: 1 a letter added, 2 two swapped, 3 one changed,
    /// or <see cref="int.MaxValue"/> when it is not one slip. Changing a letter of a four-letter word makes too many
    /// real words ("kill" → "pill"), so short words forgive only additions and swaps.
    /// </summary>
    private static int SlipKind(ReadOnlySpan<char> typed, string word)
    {
        if (typed.Length == word.Length + 1) return 1; // the deletion index already lined them up
        if (typed.Length != word.Length) return int.MaxValue;
        var first = -1;
        var differences = 0;
        for (var i = 0; i < typed.Length; i++)
        {
            if (typed[i] == word[i]) continue;
            if (differences++ == 0) first = i;
        }
        if (differences == 2 && first + 1 < typed.Length && typed[first] == word[first + 1] && typed[first + 1] == word[first]) return 2;
        return differences == 1 && word.Length >= 5 ? 3 : int.MaxValue;
    }

    private VocabularyEntry? Wildcard(ReadOnlySpan<char> typed)
    {
        foreach (var entry in _forgiving)
        {
            if (entry.Word.Length != typed.Length) continue;
            var matches = true;
            for (var i = 0; i < typed.Length && matches; i++)
                matches = typed[i] == '*' || typed[i] == entry.Word[i];
            if (matches) return entry;
        }
        return null;
    }

    /// <summary>"su1c1de" → "suicide": digits inside a word are read as the letters they look like.</summary>
    private static bool ReadDigitsAsLetters(ReadOnlySpan<char> typed, Span<char> into)
    {
        var changed = false;
        for (var i = 0; i < typed.Length; i++)
        {
            var c = typed[i] switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '$' => 's', '@' => 'a', var other => other };
            changed |= c != typed[i];
            into[i] = c;
        }
        return changed;
    }

    /// <summary>Letters held down ("soooo", "dieeee"): runs of three or more cut to <paramref name="keep"/>. Returns the new length.</summary>
    private static int Unhold(ReadOnlySpan<char> typed, Span<char> into, int keep)
    {
        var length = 0;
        var run = 0;
        for (var i = 0; i < typed.Length; i++)
        {
            run = i > 0 && typed[i] == typed[i - 1] ? run + 1 : 1;
            if (run <= keep || !HasRunOfThree(typed, i)) into[length++] = typed[i];
        }
        return length;
    }

    private static bool HasRunOfThree(ReadOnlySpan<char> typed, int at)
    {
        var start = at;
        while (start > 0 && typed[start - 1] == typed[at]) start--;
        var end = at;
        while (end + 1 < typed.Length && typed[end + 1] == typed[at]) end++;
        return end - start >= 2;
    }

    private static void Add(Dictionary<string, List<VocabularyEntry>> index, string key, VocabularyEntry entry)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        if (!list.Contains(entry)) list.Add(entry);
    }
}
