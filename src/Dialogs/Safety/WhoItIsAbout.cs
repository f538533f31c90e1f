namespace WellnessBot.Dialogs.Safety;

/// <summary>Where a pattern matched: its first and last words, the word that decides its subject, and each element's word.</summary>
internal readonly ref struct PatternMatch(int start, int end, int anchor, ReadOnlySpan<int> elements)
{
    public int Start { get; } = start;
    public int End { get; } = end;

    /// <summary>The subject word; when the anchor element was an optional one left out, the match's last word.</summary>
    public int Anchor { get; } = anchor >= 0 ? anchor : end - 1;
    public ReadOnlySpan<int> Elements { get; } = elements;

    public bool IsElement(int index) => Elements.Contains(index);
}

/// <summary>
/// Whether a match is about the writer. The default is the first person: a clause with nobody named ("suicide
/// feels like the only way out", "want to die") is the writer's. The nearest person before the match's subject
/// word decides otherwise ("the patient in 12 has passive SI", "my co-resident said she wants to die"), as does a
/// person right after it ("the suicidal teen"), someone else's reported words ("pt states i want to die"), or a
/// clause written like a chart ("16yo, SI with plan", "bed 12 suicidal, sitter ordered").
/// </summary>
internal static class WhoItIsAbout
{
    /// <summary>Negations that take a wish or an intent back ("not suicidal", "would never"); "haven't killed myself" does not.</summary>
    internal static readonly HashSet<string> TakingBack = ["not", "never", "no", "dont", "doesnt", "wont", "wouldnt", "isnt", "arent", "nor", "denies", "denied"];

    public static bool IsTheWriter(SafetyTokens tokens, in PatternMatch match, Subject subject, bool claimedByWriter)
    {
        if (!claimedByWriter && tokens[match.Anchor].Quote is >= 0 and var quote && QuotesSomeoneElse(tokens, quote)) return false;
        var clauseStart = tokens.ClauseStart(match.Start);
        if (subject == Subject.Named) return !ReportedByOther(tokens, match.Start, clauseStart);
        if (claimedByWriter) return true; // "asking for me", "its for me"
        foreach (var element in match.Elements)
            if (element >= 0 && tokens[element].Is(Concepts.Self))
                return !SomeoneElseBetween(tokens, match, element) && !ReportedByOther(tokens, element, clauseStart); // "after im gone"
        if (subject == Subject.Near) return !SomeoneElseNear(tokens, match, clauseStart);

        for (var i = match.Anchor - 1; i >= clauseStart; i--)
        {
            if (match.IsElement(i)) continue;
            if (tokens[i].Is(Concepts.Self))
            {
                if (IsAnAside(tokens, i)) continue; // "a coresident who i think might be suicidal"
                return !ReportedByOther(tokens, i, clauseStart);
            }
            // Inside the match or just before it any person decides ("wants him to die", "talk with her about
            // wanting to die"); further back, "their" or "them" is rarely the subject.
            if (tokens[i].Is(Concepts.Other) && (i >= match.Start - 3 || !tokens[i].Is(Concepts.ObjectPronoun))) return false;
            if (tokens[i].Is(Concepts.Thing)) return false; // "the schedule this block is suicide", "can the EHR just die"
        }
        var clauseEnd = tokens.ClauseEnd(match.Start);
        if (match.Anchor == match.End - 1)
            for (var i = match.End; i < Math.Min(match.End + 3, clauseEnd); i++)
            {
                if (tokens[i].Entry is { } word && Places.Contains(word.Word)) break; // "thinking about suicide at the nurses station": a place, not whose
                if (tokens[i].Is(Concepts.Other) && !tokens[i].Is(Concepts.Pronoun)) return false; // "suicidal teen in bay 4", "the overdose pt"
            }
        if (match.End - match.Start == 1 && NamesSomeoneElseAfter(tokens, match.End, clauseStart, clauseEnd)) return false; // "attempted suicide by CO in his garage"
        return !ReadsLikeAChart(tokens, clauseStart, clauseEnd);
    }

    /// <summary>Prepositions of place and company: a person after one is where or with whom, not who ("at the nurses station").</summary>
    internal static readonly HashSet<string> Places = ["at", "in", "near", "by", "outside", "behind", "around", "beside", "next", "with", "during"];

    /// <summary>"not suicidal", "i would never kill myself": a negation just before the match takes it back.</summary>
    public static bool IsNegated(SafetyTokens tokens, int start)
    {
        var clauseStart = tokens.ClauseStart(start);
        if (start - 1 >= clauseStart && TakesBack(tokens[start - 1])) return true;
        if (start - 2 >= clauseStart && TakesBack(tokens[start - 2]))
        {
            var between = tokens[start - 1];
            return !between.Is(Concepts.Connector) && !between.IsWord("stop") && !between.IsWord("help");
        }
        // "no thoughts of hurting myself", "not having any thoughts of it", "not going to": only such words between.
        for (var i = start - 1; i >= Math.Max(clauseStart, start - 5); i--)
        {
            if (TakesBack(tokens[i])) return i < start - 1;
            if (!tokens[i].Is(Concepts.Think) && !(tokens[i].Entry is { } entry && Hedges.Contains(entry.Word))) return false;
        }
        return false;
    }

    /// <summary>Words that may stand between a negation and what it takes back ("no real plans to", "not having any").</summary>
    internal static readonly HashSet<string> Hedges = ["of", "about", "having", "any", "plan", "plans", "intention", "intent", "going", "gonna", "to", "at", "all", "real", "really", "actually", "currently"];

    private static bool TakesBack(SafetyToken token) => token.Entry is { } entry && TakingBack.Contains(entry.Word);

    /// <summary>
    /// Words in double quotes are someone's: the nearest person before the quote ("the pt screaming “…”", "my dad
    /// always says “just shoot me”"). With nobody named, or the writer ("i keep telling myself “…”"), they are the writer's.
    /// </summary>
    private static bool QuotesSomeoneElse(SafetyTokens tokens, int quote)
    {
        for (var i = quote - 1; i >= Math.Max(0, quote - 8); i--)
        {
            if (tokens[i].Is(Concepts.Self)) return false;
            if (tokens[i].Is(Concepts.Other) && !tokens[i].Is(Concepts.ObjectPronoun)) return true;
        }
        return false;
    }

    /// <summary>"I think", "I guess" before "might", "could": an aside, not the subject ("she said stuff i think might be suicidal").</summary>
    private static bool IsAnAside(SafetyTokens tokens, int self) =>
        self + 2 < tokens.Count && tokens[self + 1].Is(Concepts.Think) && tokens[self + 2].Is(Concepts.Could);

    /// <summary>Someone else between the writer's word and the match's subject word ("told me shes been cutting again").</summary>
    private static bool SomeoneElseBetween(SafetyTokens tokens, in PatternMatch match, int self)
    {
        for (var i = self + 1; i < match.Anchor; i++)
            if (!match.IsElement(i) && tokens[i].Is(Concepts.Other) && !tokens[i].Is(Concepts.ObjectPronoun)) return true;
        return false;
    }

    /// <summary>Someone else as the match's own subject: before it in its clause, or a possessive inside it ("his dog").</summary>
    private static bool SomeoneElseNear(SafetyTokens tokens, in PatternMatch match, int clauseStart)
    {
        for (var i = match.Start; i < match.End; i++)
            if (!match.IsElement(i) && tokens[i].Is(Concepts.Pronoun) && !tokens[i].Is(Concepts.ObjectPronoun)) return true;
        for (var i = match.Start - 1; i >= clauseStart; i--)
        {
            if (tokens[i].Is(Concepts.Self)) return false;
            // Close by, anyone; further back, only he, she or they can still be the subject ("she has been hiding it and cutting").
            if (tokens[i].Is(Concepts.Other) && !tokens[i].Is(Concepts.ObjectPronoun) && (i >= match.Start - 3 || tokens[i].Is(Concepts.Pronoun))) return true;
        }
        return false;
    }

    /// <summary>A clause with no word for the writer whose rest names someone else's (his, her, their).</summary>
    private static bool NamesSomeoneElseAfter(SafetyTokens tokens, int from, int clauseStart, int clauseEnd)
    {
        var someoneElse = false;
        for (var i = clauseStart; i < clauseEnd; i++)
        {
            if (tokens[i].Is(Concepts.Self)) return false;
            someoneElse |= i >= from && tokens[i].Is(Concepts.ObjectPronoun);
        }
        return someoneElse;
    }

    /// <summary>Clinical shorthand in the clause (pt, hx, sitter, "16yo", "bed 12"): a subjectless clause there is about a patient.</summary>
    private static bool ReadsLikeAChart(SafetyTokens tokens, int clauseStart, int clauseEnd)
    {
        for (var i = clauseStart; i < clauseEnd; i++)
        {
            if (tokens[i].Is(Concepts.ChartSpeak)) return true;
            if (i > clauseStart && tokens[i].Is(Concepts.Number) && tokens[i - 1].Is(Concepts.Place)) return true;
        }
        return false;
    }

    /// <summary>Someone else's words, reported: a speech verb with another person before it, and no new thought between.</summary>
    private static bool ReportedByOther(SafetyTokens tokens, int at, int clauseStart)
    {
        for (var i = at - 1; i >= clauseStart; i--)
        {
            if (tokens[i].Is(Concepts.Connector)) return false;
            if (!tokens[i].Is(Concepts.Speech)) continue;
            for (var j = i - 1; j >= Math.Max(clauseStart, i - 2); j--)
            {
                if (tokens[j].Is(Concepts.Other)) return true;
                if (tokens[j].Is(Concepts.Self)) return false;
            }
            return false;
        }
        return false;
    }
}
