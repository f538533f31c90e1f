namespace WellnessBot.Dialogs.Resources;

/// <summary>One match: the resource, its score, and why, in words people use (“childcare”, never the stem "childcar").</summary>
public sealed record ResourceMatch(Resource Resource, double Score, IReadOnlyList<string> Because);

/// <summary>
/// Finds the resources a plain-words question is about. Built once per catalog version: an inverted index of stemmed
/// terms from each resource's name, keywords, categories, offers and description (weighted in that order, and by how
/// rare a term is across the catalog), the catalog's synonyms as phrase rewrites ("burned out" → burnout), and a
/// one-edit deletion index for typos ("chidlcare"). A question costs a few dictionary lookups, not a catalog scan.
/// </summary>
public sealed class ResourceFinder
{
    private const double NameWeight = 3, KeywordWeight = 3, CategoryWeight = 2.5, OfferWeight = 2, DescriptionWeight = 1;
    private const int MaxPhraseWords = 5;

    private readonly ResourceCatalog _catalog;
    private readonly Dictionary<string, List<(int Resource, double Weight)>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _deletions = new(StringComparer.Ordinal);
    private readonly string[] _vocabulary;
    /// <summary>Each indexed term as a word the catalog wrote it ("childcar" → "childcare"), to say why in words.</summary>
    private readonly Dictionary<string, string> _words = new(StringComparer.Ordinal);
    /// <summary>Stemmed phrase (words joined by spaces) → the terms it stands for.</summary>
    private readonly Dictionary<string, List<string>> _phrases = new(StringComparer.Ordinal);

    public ResourceFinder(ResourceCatalog catalog)
    {
        _catalog = catalog;
        for (var i = 0; i < catalog.Resources.Count; i++)
        {
            var r = catalog.Resources[i];
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            void Add(string text, double weight)
            {
                foreach (var (word, term) in SearchText.TermsWithWords(text))
                {
                    _words.TryAdd(term, word);
                    if (!weights.TryGetValue(term, out var w) || w < weight) weights[term] = weight;
                }
            }
            Add(r.Name, NameWeight);
            Add(r.Id, NameWeight);
            foreach (var k in r.Keywords) Add(k, KeywordWeight);
            // Categories are listed most important first: a resource's first category outranks another's fourth.
            for (var c = 0; c < r.Categories.Count; c++)
            {
                var weight = CategoryWeight * Math.Max(0.4, 1 - 0.15 * c);
                Add(r.Categories[c], weight);
                Add(ResourceCatalog.CategoryTitle(r.Categories[c]), weight);
            }
            foreach (var o in r.Offers) Add(o, OfferWeight);
            Add(r.Description, DescriptionWeight);
            foreach (var (term, weight) in weights)
            {
                if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
                list.Add((i, weight));
            }
        }
        // Rare terms say more about a resource than terms every resource shares.
        var n = Math.Max(1, catalog.Resources.Count);
        foreach (var list in _postings.Values)
        {
            var idf = Math.Log(1 + (double)n / list.Count);
            for (var k = 0; k < list.Count; k++) list[k] = (list[k].Resource, list[k].Weight * idf);
        }
        _vocabulary = [.. _postings.Keys.Order(StringComparer.Ordinal)];
        foreach (var term in _vocabulary.Where(t => t.Length >= 5))
            foreach (var deleted in Deletions(term))
            {
                if (!_deletions.TryGetValue(deleted, out var terms)) _deletions[deleted] = terms = [];
                terms.Add(term);
            }
        // Synonyms and keywords as phrases: "someone to talk to" stands for counseling; "adverse event" for itself.
        foreach (var (key, words) in catalog.Synonyms)
            foreach (var phrase in words.Append(key))
                AddPhrase(phrase, SearchText.Terms(key));
        foreach (var keyword in catalog.Resources.SelectMany(r => r.Keywords).Where(k => k.Contains(' ', StringComparison.Ordinal)))
            AddPhrase(keyword, SearchText.Terms(keyword));
    }

    private void AddPhrase(string phrase, List<string> meaning)
    {
        var words = SearchText.PhraseTerms(phrase);
        if (words.Count == 0 || words.Count > MaxPhraseWords || meaning.Count == 0) return;
        var key = string.Join(' ', words);
        if (!_phrases.TryGetValue(key, out var terms)) _phrases[key] = terms = [];
        foreach (var t in meaning) if (!terms.Contains(t)) terms.Add(t);
    }

    public ResourceCatalog Catalog => _catalog;

    /// <summary>The best few resources for a question, best first; empty when nothing matches well enough.</summary>
    public IReadOnlyList<ResourceMatch> Find(string question, int max = 3, bool crisis = false)
    {
        var tally = new Tally(_postings);
        var consumed = CreditPhrases(question, tally);
        CreditWords(question, consumed, tally);
        if (crisis)
            for (var i = 0; i < _catalog.Resources.Count; i++)
                if (_catalog.Resources[i].Categories.Contains("crisis")) tally.Boost(i, 100, "crisis help comes first");

        if (tally.Scores.Count == 0) return [];
        var best = tally.Scores.Values.Max();
        return tally.Scores
            .Where(s => s.Value >= 1.0 && s.Value >= best * 0.3)
            .OrderByDescending(s => s.Value).ThenBy(s => _catalog.Resources[s.Key].Name, StringComparer.Ordinal)
            .Take(max)
            .Select(s => new ResourceMatch(_catalog.Resources[s.Key], s.Value, tally.Because[s.Key]))
            .ToList();
    }

    /// <summary>
    /// Phrases first (longest wins), each standing for its meaning. Returns the words of matched phrases that single
    /// words must not count again ("someone to talk to" means counseling, not "talk").
    /// </summary>
    private HashSet<string> CreditPhrases(string question, Tally tally)
    {
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        var phraseWords = SearchText.PhraseTerms(question);
        var rawWords = question.Split((char[])[' ', ',', '.', '!', '?', ';', ':', '/'], StringSplitOptions.RemoveEmptyEntries);
        for (var start = 0; start < phraseWords.Count; start++)
            for (var length = Math.Min(MaxPhraseWords, phraseWords.Count - start); length >= 1; length--)
            {
                var key = string.Join(' ', phraseWords.GetRange(start, length));
                if (!_phrases.TryGetValue(key, out var meaning) || length == 1 && meaning.Count == 1 && meaning[0] == key) continue;
                var said = length <= rawWords.Length - start ? string.Join(' ', rawWords.Skip(start).Take(length)).Trim('"', '\'') : key;
                foreach (var term in meaning) tally.Credit(term, 0.9, $"“{said}”");
                if (length > 1) consumed.UnionWith(phraseWords.GetRange(start, length).Except(meaning));
                start += length - 1;
                break;
            }
        return consumed;
    }

    /// <summary>Single words: exact, then as a prefix ("psych" → psychologist, psychiatrist), then one slip away.</summary>
    private void CreditWords(string question, HashSet<string> consumed, Tally tally)
    {
        foreach (var (word, term) in SearchText.TermsWithWords(question).DistinctBy(t => t.Term).Where(t => !consumed.Contains(t.Term)))
        {
            if (_postings.ContainsKey(term))
            {
                tally.Credit(term, 1.0, $"“{word}”");
                continue;
            }
            var matched = false;
            if (term.Length >= 4)
            {
                var at = Array.BinarySearch(_vocabulary, term, StringComparer.Ordinal);
                for (var k = at < 0 ? ~at : at; k < _vocabulary.Length && _vocabulary[k].StartsWith(term, StringComparison.Ordinal); k++)
                {
                    tally.Credit(_vocabulary[k], 0.8, $"“{WordFor(_vocabulary[k])}”");
                    matched = true;
                }
            }
            if (!matched && term.Length >= 5)
                foreach (var near in Near(term))
                    tally.Credit(near, 0.7, $"“{WordFor(near)}” (you wrote “{word}”)");
        }
    }

    private string WordFor(string term) => _words.GetValueOrDefault(term, term);

    /// <summary>Scores per resource (by index) and the reasons shown to the person, for one question.</summary>
    private sealed class Tally(Dictionary<string, List<(int Resource, double Weight)>> postings)
    {
        public Dictionary<int, double> Scores { get; } = [];
        public Dictionary<int, List<string>> Because { get; } = [];

        public void Credit(string term, double quality, string reason)
        {
            if (!postings.TryGetValue(term, out var list)) return;
            foreach (var (resource, weight) in list)
            {
                Scores[resource] = Scores.GetValueOrDefault(resource) + weight * quality;
                if (!Because.TryGetValue(resource, out var why)) Because[resource] = why = [];
                if (!why.Contains(reason)) why.Add(reason);
            }
        }

        public void Boost(int resource, double score, string reason)
        {
            Scores[resource] = Scores.GetValueOrDefault(resource) + score;
            if (!Because.TryGetValue(resource, out var why)) Because[resource] = why = [];
            why.Insert(0, reason);
        }
    }

    /// <summary>Resources in a category, by name.</summary>
    public IReadOnlyList<Resource> InCategory(string category) =>
        _catalog.Resources.Where(r => r.Categories.Contains(category)).OrderBy(r => r.Categories.IndexOf(category)).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

    /// <summary>Vocabulary terms one edit away (insert, delete, substitute, swap neighbours).</summary>
    private IEnumerable<string> Near(string term)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var probe in Deletions(term).Append(term))
        {
            if (_postings.ContainsKey(probe) && probe.Length >= 5 && seen.Add(probe)) yield return probe; // the question has one extra letter
            if (!_deletions.TryGetValue(probe, out var terms)) continue;
            foreach (var candidate in terms)
                if (seen.Add(candidate) && SearchText.Distance(term, candidate, 1) <= 1) yield return candidate;
        }
    }

    private static IEnumerable<string> Deletions(string term)
    {
        for (var i = 0; i < term.Length; i++) yield return term.Remove(i, 1);
    }
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}
