using System.Text;
using System.Text.RegularExpressions;

namespace WellnessBot.Bot.Slack;

/// <summary>Slack's mrkdwn at the edge: escaping what people wrote, and reading the mentions Slack escaped for us.</summary>
internal static partial class SlackText
{
    /// <summary>Escapes &amp;, &lt; and &gt; (and only those, as Slack asks), so user text cannot become a mention or a link.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        return sb.ToString();
    }

    /// <summary>Slack's escaping undone, for text people typed (after mentions are taken out).</summary>
    public static string Unescape(string text) => text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>Someone's message as words to quote: mentions as @names, Slack's escapes undone; null when it has none.</summary>
    public static string? Quotable(string? text)
    {
        if (text is not { Length: > 0 }) return null;
        if (text.Length > 16_384) text = text[..16_384];
        return Unescape(UserMention().Replace(text, m => "@" + (m.Groups["name"].Value is { Length: > 0 } name ? name : "someone")));
    }

    /// <summary>A user mention in escaped text: &lt;@U024BE7LH|bob&gt; or &lt;@W…&gt;.</summary>
    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)(\|(?<name>[^>]*))?>", RegexOptions.CultureInvariant)]
    public static partial Regex UserMention();

    /// <summary>&lt;!here&gt;, &lt;!channel&gt;, &lt;!everyone&gt; and user groups (&lt;!subteam^S…|@team&gt;).</summary>
    [GeneratedRegex(@"<!(?<what>here|channel|everyone|subteam\^[A-Z0-9]+)(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    public static partial Regex Broadcast();

    /// <summary>Markdown of the channel-agnostic messages (**bold**, [text](url)) as Slack mrkdwn (*bold*, &lt;url|text&gt;).</summary>
    public static string FromMarkdown(string markdown)
    {
        var escaped = Escape(markdown);
        escaped = Bold().Replace(escaped, "*$1*");
        return Link().Replace(escaped, m => $"<{m.Groups[2].Value}|{m.Groups[1].Value}>");
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*", RegexOptions.CultureInvariant)]
    private static partial Regex Bold();

    [GeneratedRegex(@"\[([^\]]+)\]\((https://[^)\s]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
