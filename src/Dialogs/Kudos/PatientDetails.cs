using System.Text;
using System.Text.RegularExpressions;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>What kind of patient identifier a kudos seems to hold (after HIPAA Safe Harbor's list, 45 CFR 164.514(b)(2)).</summary>
public enum IdentifierKind { RecordNumber, BirthDate, BedWithPerson, PatientName, Phone, Email, SocialSecurity }

/// <summary>One stretch of a kudos that looks like a patient identifier.</summary>
public sealed record IdentifierMatch(int Start, int Length, IdentifierKind Kind)
{
    public int End => Start + Length;
}

/// <summary>
/// Finds patient identifiers in a kudos before it is saved or shown: kudos go to a channel, a digest and a breakfast
/// room, and "thanks for Mr. Alvarez in bed 14 (MRN 40211873)" there is a privacy incident. Built for ordinary
/// hospital kudos not to trip it: "covered 3 admissions", "PGY-2", "5 West", "the 7pm sign-out", "room 4 was chaos",
/// "Dr. Chen". Patterns, not a name list: colleagues are named by @mention, and patients by title or "patient".
/// </summary>
public static partial class PatientDetails
{
    public static IReadOnlyList<IdentifierMatch> Find(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var found = new List<IdentifierMatch>();
        var links = Link().Matches(text).Select(m => (m.Index, End: m.Index + m.Length)).ToList();
        void Add(Match m, IdentifierKind kind, Group? part = null)
        {
            var (start, length) = part is null ? (m.Index, m.Length) : (part.Index, part.Length);
            if (links.Any(l => start >= l.Index && start < l.End) && kind != IdentifierKind.Email) return; // digits of a link are not a record
            found.Add(new IdentifierMatch(start, length, kind));
        }

        foreach (Match m in Email().Matches(text)) Add(m, IdentifierKind.Email);
        foreach (Match m in SocialSecurity().Matches(text)) Add(m, IdentifierKind.SocialSecurity);
        foreach (Match m in Phone().Matches(text)) Add(m, IdentifierKind.Phone);
        foreach (Match m in BirthDate().Matches(text)) Add(m, IdentifierKind.BirthDate);
        foreach (Match m in OldDate().Matches(text)) Add(m, IdentifierKind.BirthDate);
        foreach (Match m in RecordNumber().Matches(text)) Add(m, IdentifierKind.RecordNumber);
        foreach (Match m in LongNumber().Matches(text)) Add(m, IdentifierKind.RecordNumber);
        foreach (Match m in TitleAndName().Matches(text))
            if (!NotAName(m.Groups["name"].Value)) Add(m, IdentifierKind.PatientName);
        foreach (Match m in PatientAndName().Matches(text))
            if (!NotAName(m.Groups["name"].Value)) Add(m, IdentifierKind.PatientName);
        foreach (Match m in BedLocation().Matches(text))
            if (NextToAPerson(text, m)) Add(m, IdentifierKind.BedWithPerson);
        return Merge(found);
    }

    /// <summary>The text with each identifier in bold, for the form that comes back: the giver sees exactly what to change.</summary>
    public static string Highlighted(string text, IReadOnlyList<IdentifierMatch> matches)
    {
        var result = new StringBuilder(text.Length + matches.Count * 4);
        var at = 0;
        foreach (var m in matches.OrderBy(m => m.Start))
        {
            result.Append(text, at, m.Start - at).Append("**").Append(text, m.Start, m.Length).Append("**");
            at = m.End;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>Overlapping finds become one (the longest reach), in text order.</summary>
    private static List<IdentifierMatch> Merge(List<IdentifierMatch> found)
    {
        var merged = new List<IdentifierMatch>();
        foreach (var m in found.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
        {
            if (merged.Count > 0 && m.Start < merged[^1].End)
            {
                var last = merged[^1];
                if (m.End > last.End) merged[^1] = last with { Length = m.End - last.Start };
                continue;
            }
            merged.Add(m);
        }
        return merged;
    }

    /// <summary>A bed, room or bay counts only beside a person: "the lady in bed 14", "bed 14's family"; "room 4 was chaos" does not.</summary>
    private static bool NextToAPerson(string text, Match location)
    {
        var before = text[Math.Max(0, location.Index - 40)..location.Index];
        var after = text[location.Index..Math.Min(text.Length, location.Index + location.Length + 25)][location.Length..];
        return PersonBefore().IsMatch(before) || PersonAfter().IsMatch(after);
    }

    private static bool NotAName(string word) => CommonWords.Contains(word.TrimEnd('.', '\'', '’'));

    /// <summary>Words that follow "Mr"/"Ms"/"patient" without being a name ("ms and htn", "patient was", "pt Education").</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "was", "is", "are", "were", "be", "been", "who", "that",
        "this", "these", "those", "he", "she", "they", "it", "his", "her", "their", "had", "has", "have", "did", "does", "do", "not", "no", "so",
        "fix", "fixit", "fix-it", "right", "wrong", "nice", "clean", "steal", "miyagi", "sandman", "worldwide", "rogers", "bean", "incredible",
        "care", "safety", "education", "experience", "satisfaction", "transport", "flow", "load", "list", "census", "handoff", "handoffs", "family",
        "families", "advocate", "advocacy", "portal", "room", "rooms", "bed", "beds", "came", "went", "got", "said", "says", "asked", "left",
        "coded", "crashed", "died", "passed", "needed", "needs", "kept", "stayed", "felt", "feels", "from", "after", "before", "when", "if",
        "by", "as", "up", "out", "over", "today", "tonight", "yesterday", "overnight", "again", "just", "really", "very", "all", "every",
        "one", "two", "three", "four", "five", "sat", "sats", "hr", "bp", "o2", "ed", "icu", "or", "pacu", "floor", "unit", "team", "teams",
        "s", "ms1", "ms2", "ms3", "ms4", "students", "student", "program", "contrast", "word", "excel",
        "you", "your", "our", "my", "me", "us", "them", "everyone", "everybody", "having", "working", "being", "seeing", "rounds",
    };

    [GeneratedRegex(@"\bhttps?://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")]
    private static partial Regex Email();

    // 123-45-6789, 123 45 6789 (with or without "ssn"); the middle pair is what tells it from a phone number.
    [GeneratedRegex(@"(?<![\d\-])\d{3}[\s\-]\d{2}[\s\-]\d{4}(?![\d\-])")]
    private static partial Regex SocialSecurity();

    // (617) 555-0199, 617-555-0199, 617.555.0142, 555-0199, +1 617 555 0199.
    // … and international ones (+44 20 7946 0321), and local 7-digit ones written with a space or a dot (555 0163).
    [GeneratedRegex(@"(?<![\d/.\-])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}(?![\d/])|(?<![\d/.\-:])\d{3}[\-.\s]\d{4}(?![\d/\-.:])|\+\d{1,3}(?:[\s.\-]?\d{1,4}){3,5}\b")]
    private static partial Regex Phone();

    private const string MonthName = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
    private const string AnyDate = @"(?:\d{1,2}[/\-.]\d{1,2}[/\-.]\d{2,4}|" + MonthName + @"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+" + MonthName + @",?\s+\d{2,4}|(?:19|20)\d{2})";

    // A date (or a year) after DOB, born, birthday, b.
    [GeneratedRegex(@"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday|bday|born|b\.)(?:\s+(?:is|was|on|in))*\s*[:\-=]?\s*" + AnyDate, RegexOptions.IgnoreCase)]
    private static partial Regex BirthDate();

    // A full date in the last century is a birth date in a kudos: shifts and conferences are this year's.
    [GeneratedRegex(@"(?<![\d/])\d{1,2}[/\-.]\d{1,2}[/\-.]19\d{2}(?!\d)")]
    private static partial Regex OldDate();

    // MRN 40211873, mrn#5512093, MR 0098123, acct 88812345, chart 1234567, pt 7731902: a record word, then 5+ digits.
    [GeneratedRegex(@"\b(?:mrn|m\.r\.n\.?|mr|med(?:ical)?\s*rec(?:ord)?s?(?:\s*(?:no|number|num))?|acct|account|chart|fin|csn|pt|patient|id)\s*(?:no\.?|number|num|#)?\s*[:#=]?\s*(?:\d{5,}|\d{2,}(?:[\s\-]\d{2,})+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RecordNumber();

    // Six digits or more, not part of a decimal, a time range or a fraction.
    [GeneratedRegex(@"(?<![\d.,/:])\d{6,}(?![\d/:]|\.\d)")]
    private static partial Regex LongNumber();

    // Mr. Alvarez, mrs garcia, Ms Nguyen, Miss O'Brien, Mr. and Mrs. Patel, Mr K.
    [GeneratedRegex(@"\b(?:mr|mrs|ms|miss|mister|mx)\.?\s+(?:(?:and|&)\s+(?:mr|mrs|ms)\.?\s+)?(?<name>[A-Za-z][A-Za-z'’\-]*\.?)", RegexOptions.IgnoreCase)]
    private static partial Regex TitleAndName();

    // patient Johnson, pt Smith: the name capitalised, as the issue of a patient's name is told from "pt was".
    [GeneratedRegex(@"\b(?:[Pp]atient|[Pp]t)\.?\s+(?<name>[A-Z][a-z'’\-]+)\b")]
    private static partial Regex PatientAndName();

    // bed 14, room 412, rm 22, bay 3, 7B bed 2, cubicle 5.
    [GeneratedRegex(@"\b(?:bed|room|rm|bay|cubicle|cube|stretcher|pod|exam\s+room)\s*#?\s*\d{1,4}[a-z]?\b", RegexOptions.IgnoreCase)]
    private static partial Regex BedLocation();

    // Who a bed can hold: a patient and the ways residents name one.
    private const string Person = @"(?:patient|patients|pt|pts|lady|ladies|gentleman|gent|guy|man|woman|kid|kiddo|kids|baby|babies|infant|newborn|neonate|" +
        @"twins?|toddler|child|boy|girl|teen|mom|dad|mother|father|parents|son|daughter|wife|husband|grandma|grandpa|grandmother|grandfather|family|" +
        @"fella|dude|vet|veteran|elder|elderly|abuela|abuelo|nana|papa|\d{0,3}\s?(?:yo|y/o|yr old|year old|years old))";

    // Words between a person and their bed: "the lady in bed 14", "the pt in ED bay 15", "Mr K in micu room 9", "pt in 7B bed 2".
    private const string Between = @"(?:in|from|at|over|on|the|up|down|back|to|into|of|[a-z]\.?|\d{1,2}|\d{1,2}[a-z]|[a-z]\d{1,2}|(?-i:[A-Z&]{2,6})|pod|triage|" +
        @"ed|er|icu|picu|micu|sicu|nicu|ccu|cvicu|pacu|l&d|trauma|resus|peds|ward|unit|obs|stepdown|tele|floor|north|south|east|west)";

    [GeneratedRegex(@"\b(?:(?:mr|mrs|ms|miss)\.?\s+[a-z'’\-]+|" + Person + @"|him|her|one|someone|somebody)\.?(?:\s+" + Between + @")*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PersonBefore();

    // After the bed: "bed 14's family", "room 12 patient", "bed 6, the pt got rosc".
    [GeneratedRegex(@"^(?:'s|’s|(?:\s+and\s+\d{1,3})?\s*[,:\-–]?\s*(?:the\s+|our\s+|my\s+|this\s+|that\s+)?" + Person + @"\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PersonAfter();
}
