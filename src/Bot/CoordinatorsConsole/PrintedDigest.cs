using System.Text;
using System.Text.Encodings.Web;
using WellnessBot.Dialogs.Kudos;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The printable page's list of shout-outs, written as HTML once a month view rather than as one component per line:
/// a month of 50,000 is several megabytes, and rendering it line by line took twice the page's budget. Every name
/// and word goes through the HTML encoder.
/// </summary>
internal static class PrintedDigest
{
    public static string Html(MonthlyDigest digest)
    {
        var encoder = HtmlEncoder.Default;
        var html = new StringBuilder(digest.KudosCount * 160 + 64).Append("<ol>");
        foreach (var recipient in digest.Recipients)
        {
            html.Append("<li><h2>").Append(encoder.Encode(recipient.Person.Name)).Append("</h2>");
            foreach (var entry in recipient.Entries)
                html.Append("<p>“").Append(encoder.Encode(entry.Message)).Append("” <span class=\"from\">— ")
                    .Append(entry.SelfHighlight ? "self-highlight" : encoder.Encode(entry.From)).Append("</span></p>");
            html.Append("</li>");
        }
        return html.Append("</ol>").ToString();
    }
}
