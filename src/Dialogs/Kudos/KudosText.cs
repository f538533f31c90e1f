using System.Text.RegularExpressions;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>
/// Reads "kudos @Ben @Chen thanks for covering my pager #teamwork": the leading recipients (mentions, or "me"
/// to highlight yourself), the message, and optional hashtags for a category or #anonymous. Mentions are trusted
/// only when the channel resolved them; a plain "@name" it could not resolve is reported, not guessed.
/// </summary>
public static partial class KudosText
{
    public sealed record Parsed(IReadOnlyList<UserRef> Recipients, string Message, KudosCategory Category, bool Anonymous,
        string? UnknownName, bool NamesTheBot)
    {
        /// <summary>#quiet: just tell them, no shout-out. #nobreakfast: only for them, not in the digest.</summary>
        public bool Quiet { get; init; }
        public bool NotForBreakfast { get; init; }
    }

    private static readonly HashSet<string> SelfWords = new(StringComparer.OrdinalIgnoreCase) { "me", "myself" };
    private static readonly HashSet<string> ListGlue = new(StringComparer.OrdinalIgnoreCase) { "and", "&", ",", "+" };

    public static Parsed Parse(string argument, Turn turn)
    {
        var (text, tags) = WithoutHashtags(argument.Trim());

        var recipients = new List<UserRef>();
        var namesTheBot = false;
        string? unknown = null;
        var mentions = turn.Mentions.OrderByDescending(m => m.Name.Length).ToList();

        // The leading list of recipients: "@Ben", "@Chen and me", "me".
        while (true)
        {
            text = text.TrimStart(' ', ',', ':', '-', '—', '–');
            var mention = mentions.FirstOrDefault(m => text.StartsWith("@" + m.Name, StringComparison.OrdinalIgnoreCase));
            if (mention is not null)
            {
                if (mention.Id == turn.Bot?.Id) namesTheBot = true;
                else if (recipients.All(r => r.Key != mention.Key)) recipients.Add(mention);
                text = text[(mention.Name.Length + 1)..];
                continue;
            }
            var word = FirstWord(text);
            if (word.Length > 0 && SelfWords.Contains(word))
            {
                if (recipients.All(r => r.Key != turn.From.Key)) recipients.Add(turn.From);
                text = text[word.Length..];
                continue;
            }
            if (word.Length > 0 && ListGlue.Contains(word) && (recipients.Count > 0 || namesTheBot))
            {
                text = text[word.Length..];
                continue;
            }
            if (text.StartsWith('@') && recipients.Count == 0 && !namesTheBot)
                unknown = FirstWord(text);
            break;
        }

        // Colleagues mentioned later in the sentence are recognised too; their names stay in the message.
        foreach (var mention in turn.Mentions)
        {
            if (mention.Id == turn.Bot?.Id) namesTheBot = true;
            else if (recipients.All(r => r.Key != mention.Key)) recipients.Add(mention);
        }

        var message = Spaces().Replace(text, " ").Trim();
        return new Parsed(recipients, message, tags.Category, tags.Anonymous, unknown, namesTheBot) { Quiet = tags.Quiet, NotForBreakfast = tags.NotForBreakfast };
    }

    /// <summary>
    /// Links as the address they go to, never behind other words: "[the schedule](https://x)" and Slack's
    /// "&lt;https://x|the schedule&gt;" become "the schedule (https://x)". Kudos reach a channel, DMs and the digest
    /// from a trusted bot; a masked link there would be a phishing tool.
    /// </summary>
    public static string Unmask(string text)
    {
        if (text.IndexOf("](", StringComparison.Ordinal) < 0 && text.IndexOf('<') < 0) return text;
        text = MarkdownLink().Replace(text, m => Shown(m.Groups["label"].Value, m.Groups["url"].Value));
        text = SlackLink().Replace(text, m => Shown(m.Groups["label"].Value, m.Groups["url"].Value));
        return HtmlLink().Replace(text, m => Shown(m.Groups["label"].Value, m.Groups["url"].Value));
    }

    private static string Shown(string label, string url)
    {
        label = label.Trim();
        return label.Length == 0 || label == url ? url : $"{label} ({url})";
    }

    [GeneratedRegex(@"\[(?<label>[^\]\n]{0,300})\]\(\s*<?(?<url>[^)\s>]{1,2000})>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<(?<url>(?:https?|mailto|tel):[^|>\s]{1,2000})(?:\|(?<label>[^>]{0,300}))?>", RegexOptions.IgnoreCase)]
    private static partial Regex SlackLink();

    [GeneratedRegex(@"<a\s[^>]*href\s*=\s*[""'](?<url>[^""']{1,2000})[""'][^>]*>(?<label>.{0,300}?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlLink();

    private sealed record Hashtags(KudosCategory Category, bool Anonymous, bool Quiet, bool NotForBreakfast);

    /// <summary>The text without the hashtags the bot understands (#teamwork, #anonymous, #quiet, #nobreakfast), and what they said.</summary>
    private static (string Text, Hashtags Tags) WithoutHashtags(string text)
    {
        var tags = new Hashtags(KudosCategory.None, false, false, false);
        text = Hashtag().Replace(text, m =>
        {
            var tag = m.Groups[1].Value.ToLowerInvariant();
            switch (tag)
            {
                case "anonymous": tags = tags with { Anonymous = true }; return "";
                case "quiet": tags = tags with { Quiet = true }; return "";
                case "nobreakfast": tags = tags with { NotForBreakfast = true }; return "";
            }
            var category = KudosCategories.Parse(tag);
            if (category == KudosCategory.None) return m.Value;
            tags = tags with { Category = category };
            return "";
        });
        return (text, tags);
    }

    private static string FirstWord(string text)
    {
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not (',' or ':')) end++;
        return text[..end];
    }

    [GeneratedRegex(@"(?<![\w#])#([A-Za-z]+)\b")]
    private static partial Regex Hashtag();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
