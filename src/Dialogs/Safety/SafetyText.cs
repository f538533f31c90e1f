using System.Text;

namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// Folds a message to plain lowercase letters before it is read, so that what looks the same reads the same:
/// accents dropped ("suïcide"), look-alike Cyrillic and Greek letters and full-width forms read as Latin,
/// invisible characters (zero-width joiners, soft hyphens, bidi controls) removed, and letters spaced or dotted
/// apart ("k i l l", "s.u.i.c.i.d.e") joined again. Two linear passes.
/// </summary>
internal static class SafetyText
{
    private const char Drop = '\0';
    private const int TableSize = 0x3000;
    private static readonly char[] Table = BuildTable();

    /// <summary>Folds <paramref name="text"/> into <paramref name="into"/> (at least as long) and returns the folded length.</summary>
    public static int Fold(ReadOnlySpan<char> text, Span<char> into)
    {
        var length = 0;
        foreach (var c in text)
        {
            var folded = c < TableSize ? Table[c]
                : c is >= '\uFF01' and <= '\uFF5E' ? char.ToLowerInvariant((char)(c - 0xFEE0)) // full-width forms
                : c is '\uFEFF' ? Drop
                : char.ToLowerInvariant(c);
            if (folded != Drop) into[length++] = folded;
        }
        return JoinSpacedLetters(into[..length]);
    }

    /// <summary>"k i l l my self" → "kill my self": runs of three or more single letters, one separator apart, become a word.</summary>
    private static int JoinSpacedLetters(Span<char> text)
    {
        var write = 0;
        var read = 0;
        while (read < text.Length)
        {
            var run = SpacedRunLength(text, read);
            if (run >= 3)
            {
                for (var k = 0; k < run; k++) text[write++] = text[read + 2 * k];
                read += 2 * run - 1;
                continue;
            }
            text[write++] = text[read++];
        }
        return write;
    }

    /// <summary>How many single letters, each followed by one separator, start at <paramref name="at"/> (0 when none).</summary>
    private static int SpacedRunLength(ReadOnlySpan<char> text, int at)
    {
        if (!char.IsLetter(text[at]) || (at > 0 && char.IsLetterOrDigit(text[at - 1]))) return 0;
        var run = 0;
        var i = at;
        while (i < text.Length && char.IsLetter(text[i]) && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1])))
        {
            run++;
            if (i + 2 >= text.Length || !IsSpacer(text[i + 1]) || !char.IsLetter(text[i + 2])) break;
            i += 2;
        }
        return run;
    }

    private static bool IsSpacer(char c) => c is ' ' or '.' or '-' or '_';

    private static char[] BuildTable()
    {
        var table = new char[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c)) { table[i] = c; continue; }
            var lower = char.ToLowerInvariant(c);
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            table[i] = decomposed.Length > 0 && decomposed[0] < 0x250 && char.IsLetter(decomposed[0]) ? decomposed[0] : lower;
        }
        foreach (var invisible in "\u00AD\u180E\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069")
            table[invisible] = Drop;
        // Letters that look Latin: Cyrillic and Greek, as used to slip words past filters.
        foreach (var (from, to) in new[]
                 {
                     ("аеорсухіјѕԁɡһӏԛԝ", "aeopcyxijsdghlqw"), ("АЕОРСУХІЈЅ", "aeopcyxijs"),
                     ("αεοριτυνκχ", "aeopitunkx"), ("ΑΕΟΡΙΤΥΝΚΧ", "aeopitynkx"),
                 })
            for (var k = 0; k < from.Length; k++) table[from[k]] = to[k];
        return table;
    }
}
