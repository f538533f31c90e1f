using WellnessBot.Bot.CoordinatorsConsole;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>The printable page's list, written as HTML in one go: every name and word encoded, in read-aloud order.</summary>
public sealed class PrintedDigestTests
{
    private static readonly Month November = new(2026, 11);

    private static KudosRecord Kudos(string id, UserRef from, UserRef to, string message, int minute) => new()
    {
        Id = id, Month = November, Giver = from, Recipients = [to], Message = message,
        GivenAt = new DateTimeOffset(2026, 11, 3, 9, minute, 0, TimeSpan.Zero),
    };

    [Fact]
    public void NamesAndWordsAreEncodedAndEachRecipientIsOneItem()
    {
        var ana = new UserRef("msteams", "29:ana", "Ana <i>Resident</i>");
        var ben = new UserRef("msteams", "29:ben", "Ben Resident");
        var digest = MonthlyDigest.Compile(November, [
            Kudos("a1", ben, ana, "thanks for <script>alert(1)</script> & the \"pager\"", 1),
            Kudos("a2", ana, ben, "for the sign-out", 2),
            Kudos("a3", ana, ana, "finished my QI poster", 3),
        ]);

        var html = PrintedDigest.Html(digest);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; the &quot;pager&quot;", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Ana &lt;i&gt;Resident&lt;/i&gt;</h2>", html, StringComparison.Ordinal);
        Assert.Equal(digest.Recipients.Count, html.Split("<li>").Length - 1);
        Assert.Contains("— self-highlight</span>", html, StringComparison.Ordinal);
        Assert.StartsWith("<ol>", html, StringComparison.Ordinal);
        Assert.EndsWith("</ol>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AMonthViewWithOneKudosHiddenIsCompiledAgainWithoutIt()
    {
        var ana = new UserRef("msteams", "29:ana", "Ana Resident");
        var ben = new UserRef("msteams", "29:ben", "Ben Resident");
        var view = MonthView.Of(November, [Kudos("a1", ben, ana, "for the pager", 1), Kudos("a2", ana, ben, "for the sign-out", 2)]);
        var hidden = view.ById["a1"].HiddenBy("Eli", HiddenFrom.Breakfast, "asked not to", DateTimeOffset.UnixEpoch);

        var after = view.With(November, hidden);

        Assert.Equal(2, view.Breakfast.KudosCount);
        Assert.Equal(1, after.Breakfast.KudosCount);
        Assert.Equal(2, after.ChannelPost.KudosCount); // hidden from the breakfast only
        Assert.DoesNotContain("for the pager", after.PrintHtml, StringComparison.Ordinal);
        Assert.Same(view, view.With(November, Kudos("zz", ana, ben, "not in this month", 3)));
    }
}
