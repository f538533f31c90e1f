using System.Numerics;

namespace WellnessBot.Dialogs.Safety;

/// <summary>Receives a message's features one by one (a hash each): the model sums their weights, the trainer keeps them.</summary>
internal interface IFeatureSink
{
    void Add(uint feature);
}

/// <summary>
/// The features the statistical check weighs, all hashed: each word as the vocabulary reads it (so slips count as
/// the word) and each pair of neighbouring words; the concepts of each word, and of neighbours one and two apart
/// ("WANT · DIE", "WANT _ DIE") and together in a clause; the first letters of long words ("pocketing" like
/// "pocketed"); each key concept with whether it is the writer's and whether it is taken back; and what the
/// patterns left behind (cues, matches about someone else, idioms and topics). One pass over the words.
/// </summary>
internal static class SafetyFeatures
{
    private const Concepts Watched =
        Concepts.Self | Concepts.Other | Concepts.Reflexive | Concepts.Want | Concepts.Hope | Concepts.Think | Concepts.Intend |
        Concepts.Negation | Concepts.Could | Concepts.Suicide | Concepts.Kill | Concepts.Die | Concepts.Alive | Concepts.Harm |
        Concepts.Body | Concepts.Pills | Concepts.Weapon | Concepts.Height | Concepts.Vehicle | Concepts.Search | Concepts.Soon |
        Concepts.Forever | Concepts.Burden | Concepts.Gone | Concepts.Point | Concepts.Letters | Concepts.Family |
        Concepts.Belongings | Concepts.Hopeless | Concepts.Pain | Concepts.Done | Concepts.Sleep | Concepts.Disaster |
        Concepts.Relief | Concepts.Method | Concepts.Decided | Concepts.Laughter | Concepts.Mistake | Concepts.Work |
        Concepts.Topic | Concepts.ChartSpeak | Concepts.Everyone | Concepts.Connector | Concepts.Pronoun;

    private const Concepts Key =
        Concepts.Suicide | Concepts.Kill | Concepts.Die | Concepts.Alive | Concepts.Harm | Concepts.Pills | Concepts.Weapon |
        Concepts.Height | Concepts.Burden | Concepts.Gone | Concepts.Disaster;

    /// <summary>The concepts whose pairs within a clause are weighed ("SELF … PILLS … SOON" in one sentence).</summary>
    private const Concepts InClause =
        Concepts.Self | Concepts.Other | Concepts.Want | Concepts.Hope | Concepts.Think | Concepts.Intend | Concepts.Negation |
        Concepts.Suicide | Concepts.Kill | Concepts.Die | Concepts.Alive | Concepts.Harm | Concepts.Pills | Concepts.Weapon |
        Concepts.Height | Concepts.Vehicle | Concepts.Burden | Concepts.Gone | Concepts.Point | Concepts.Letters |
        Concepts.Forever | Concepts.Soon | Concepts.Decided | Concepts.Method | Concepts.Relief | Concepts.Disaster |
        Concepts.Hopeless | Concepts.Pain | Concepts.Everyone | Concepts.Family | Concepts.Belongings | Concepts.ChartSpeak |
        Concepts.Topic | Concepts.Mistake;

    public static void Extract<TSink>(SafetyTokens tokens, ReadOnlySpan<uint> signals, ref TSink sink) where TSink : IFeatureSink
    {
        Span<int> one = stackalloc int[1];
        var clause = Concepts.None;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (i > 0 && tokens.ClauseStart(i) == i)
            {
                Pairs(10, clause, clause, ref sink);
                clause = Concepts.None;
            }
            if (tokens.IsEveryday(i))
            {
                sink.Add(Mix(13, token.Hash)); // "die" in "id die for a nap" is not "die" elsewhere
                continue;
            }
            var concepts = token.Concepts & Watched;
            clause |= token.Concepts & InClause;
            sink.Add(Mix(1, token.Hash));
            if (token.Stem != 0) sink.Add(Mix(11, token.Stem));
            foreach (var bit in Bits(concepts)) sink.Add(Mix(3, bit));
            var clauseStart = tokens.ClauseStart(i);
            if (i - 1 >= clauseStart)
            {
                sink.Add(Mix(2, tokens[i - 1].Hash, token.Hash));
                Pairs(4, tokens[i - 1].Concepts & Watched, concepts, ref sink);
            }
            if (i - 2 >= clauseStart) Pairs(5, tokens[i - 2].Concepts & Watched, concepts, ref sink);
            if ((token.Concepts & Key) == 0) continue;
            one[0] = i;
            var writers = WhoItIsAbout.IsTheWriter(tokens, new PatternMatch(i, i + 1, i, one), Subject.Writer, claimedByWriter: false) ? 1u : 0u;
            var takenBack = WhoItIsAbout.IsNegated(tokens, i) ? 1u : 0u;
            foreach (var bit in Bits(token.Concepts & Key)) sink.Add(Mix(6, bit, writers * 2 + takenBack));
        }
        Pairs(10, clause, clause, ref sink);
        foreach (var signal in signals) sink.Add(Mix(8, signal));
        if (tokens.HasChartSpeak) sink.Add(Mix(9, 0));
    }

    private static void Pairs<TSink>(uint kind, Concepts before, Concepts after, ref TSink sink) where TSink : IFeatureSink
    {
        if (before == Concepts.None || after == Concepts.None) return;
        var same = before == after; // a clause's own pairs: each unordered pair once
        foreach (var a in Bits(before))
            foreach (var b in Bits(after))
                if (!same || a < b) sink.Add(Mix(kind, a, b));
    }

    private static BitEnumerator Bits(Concepts concepts) => new((ulong)concepts);

    /// <summary>Hash mixing (the MurmurHash3 finalizer): stable across machines and runs.</summary>
    private static uint Mix(uint kind, uint a, uint b = 0)
    {
        var h = kind * 0x9E3779B1u ^ a;
        h = Finalize(h) ^ (b * 0x85EBCA6Bu);
        return Finalize(h);
    }

    private static uint Finalize(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        return h ^ (h >> 16);
    }

    /// <summary>The set bits of a mask, as their positions.</summary>
    private ref struct BitEnumerator(ulong bits)
    {
        private ulong _bits = bits;
        public uint Current { get; private set; }
        public readonly BitEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_bits == 0) return false;
            Current = (uint)BitOperations.TrailingZeroCount(_bits);
            _bits &= _bits - 1;
            return true;
        }
    }
}
