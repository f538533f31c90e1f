using System.Text;

namespace WellnessBot.Dialogs.Resources;

/// <summary>
/// How the finder reads words: lower case, American spelling, a light stemmer ("counselling", "counseling",
/// "counselor" → "counsel"; "burned" → "burn"), hyphenated words kept whole and in parts, and function words dropped.
/// The same rules index the catalog and read questions, so both meet in the middle.
/// </summary>
public static class SearchText
{
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "i", "im", "ive", "id", "me", "my", "mine", "myself", "we", "our", "you", "your", "it", "its", "this", "that", "these",
        "to", "for", "of", "and", "or", "with", "on", "in", "at", "by", "from", "into", "about", "as", "so", "if", "but", "is", "am", "are",
        "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had", "can", "could", "would", "should", "will", "may",
        "need", "needs", "want", "wants", "wanna", "looking", "look", "find", "get", "got", "some", "any", "please", "where", "how", "what",
        "who", "which", "there", "here", "just", "really", "very", "too", "also", "feel", "feeling", "lot", "bit", "kind", "sort", "thing",
        "things", "something", "anything", "resource", "resources", "service", "services", "info", "information", "help", "advice", "options",
        "option", "know", "tell", "show", "give", "like", "right", "now", "today", "again", "bot", "hi", "hey", "hello", "thanks",
    };

    /// <summary>Words of a text, stemmed, function words removed, in order (hyphenated words also as their parts).</summary>
    public static List<string> Terms(string text) => TermsWithWords(text).Select(t => t.Term).ToList();

    /// <summary>
    /// The same terms as <see cref="Terms"/>, each with the word it came from as written (lower case): what to say
    /// back to a person ("childcare"), never the stem ("childcar").
    /// </summary>
    public static List<(string Word, string Term)> TermsWithWords(string text)
    {
        var terms = new List<(string, string)>();
        foreach (var word in Words(text))
        {
            if (FunctionWords.Contains(word)) continue;
            terms.Add((word, Stem(word)));
            if (word.Contains('-', StringComparison.Ordinal))
                foreach (var part in word.Split('-', StringSplitOptions.RemoveEmptyEntries))
                    if (!FunctionWords.Contains(part)) terms.Add((part, Stem(part)));
        }
        return terms;
    }

    /// <summary>Every word, stemmed, with no words dropped: for matching multi-word phrases ("someone to talk to").</summary>
    public static List<string> PhraseTerms(string text) => Words(text).Select(Stem).ToList();

    /// <summary>The longest word read (the longest English words are some 30 letters); a longer run is no word and is skipped.</summary>
    public const int MaxWordLength = 40;

    /// <summary>The most words read from one text: a question is a sentence, and the fuzzy match costs per word.</summary>
    public const int MaxWords = 200;

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        var tooLong = false;
        var count = 0;
        foreach (var raw in text.Normalize(NormalizationForm.FormKC))
        {
            var c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c) || c == '-' && (word.Length > 0 || tooLong))
            {
                if (word.Length >= MaxWordLength) { tooLong = true; word.Clear(); }
                if (!tooLong) word.Append(c);
            }
            else if (c is '\'' or '’') continue; // "i'm" → "im", "someone's" → "someones"
            else
            {
                if (word.Length > 0 && ++count <= MaxWords) yield return word.ToString().Trim('-');
                word.Clear();
                tooLong = false;
            }
        }
        if (word.Length > 0 && ++count <= MaxWords) yield return word.ToString().Trim('-');
    }

    /// <summary>A light suffix stripper: enough to make plural, -ing, -ed and -or forms and British spellings meet.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || word.Any(char.IsAsciiDigit)) return word;
        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) w = w[..^3] + "y";
        else if (w.EndsWith("sses", StringComparison.Ordinal)) w = w[..^2];
        else if (w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal)) w = w[..^2];
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal)) w = w[..^1];

        foreach (var suffix in new[] { "ing", "ed", "ors", "or", "ers", "er", "ment", "ness", "ful" })
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal) && w.Length - suffix.Length >= 4)
            {
                w = w[..^suffix.Length];
                if (w.Length >= 4 && w[^1] == w[^2] && !"aeiouls".Contains(w[^1], StringComparison.Ordinal)) w = w[..^1]; // babysitting → babysit
                if (w.EndsWith("ll", StringComparison.Ordinal)) w = w[..^1]; // counselling → counsel
                break;
            }
        }
        if (w.EndsWith("ll", StringComparison.Ordinal) && w.Length > 5) w = w[..^1];
        if (w.EndsWith('e') && w.Length > 4) w = w[..^1]; // care, caring → car; advise → advis
        if (w.EndsWith('y') && w.Length > 4) w = w[..^1] + "i"; // therapy → therapi, therapies → therapi
        return w;
    }

    /// <summary>Optimal string alignment distance, stopping early once it exceeds <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                best = Math.Min(best, value);
            }
            if (best > max) return max + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
