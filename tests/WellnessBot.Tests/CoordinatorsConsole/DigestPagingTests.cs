using DocumentFormat.OpenXml.Packaging;
using WellnessBot.Bot.CoordinatorsConsole;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>A big month on the digest page and in the slides: paged in read-aloud order, and a deck that stays small.</summary>
public sealed class DigestPagingTests
{
    private static MonthlyDigest Month(int kudos, int people)
    {
        var month = new Month(2026, 11);
        var folks = Enumerable.Range(0, people).Select(i => new UserRef("msteams", $"29:p{i}", $"Person {i:D3}")).ToArray();
        return MonthlyDigest.Compile(month, [.. Enumerable.Range(0, kudos).Select(n => new KudosRecord
        {
            Id = KudosStore.IdFor("k" + n), Month = month, Giver = folks[(n + 1) % people], Recipients = [folks[n % people]],
            Message = $"thanks #{n}", GivenAt = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero).AddMinutes(n),
        })]);
    }

    [Fact]
    public void EachPageHoldsAHundredShoutOutsInReadAloudOrderAndARecipientSplitAcrossPagesIsNamedOnBoth()
    {
        var digest = Month(250, 3); // 84, 83, 83 each
        Assert.Equal(3, DigestPaging.Pages(digest));
        var all = Enumerable.Range(1, 3).SelectMany(p => DigestPaging.Page(digest, p)).ToList();
        Assert.Equal(250, all.Sum(g => g.Entries.Count));
        Assert.Equal(digest.Recipients.SelectMany(r => r.Entries), all.SelectMany(g => g.Entries));
        var second = DigestPaging.Page(digest, 2);
        Assert.Equal(100, second.Sum(g => g.Entries.Count));
        Assert.Equal(DigestPaging.Page(digest, 1)[^1].Recipient, second[0].Recipient); // continued from page 1
        Assert.Equal(DigestPaging.Page(digest, 3).SelectMany(g => g.Entries), DigestPaging.Page(digest, 99).SelectMany(g => g.Entries)); // past the end: the last page
    }

    [Fact]
    public void TheSlidesStopAtThreeHundredShoutOutsAndPointToTheSpreadsheet()
    {
        using var deck = PresentationDocument.Open(new MemoryStream(BreakfastSlides.Write(Month(305, 7))), false);
        var slides = deck.PresentationPart!.Presentation.SlideIdList!.Count();
        Assert.Equal(1 + BreakfastSlides.MaxShoutOutSlides + 1, slides);
        var last = deck.PresentationPart.SlideParts.Select(s => s.Slide.InnerText).First(t => t.Contains("more shout-outs", StringComparison.Ordinal));
        Assert.Contains("5 more shout-outs", last, StringComparison.Ordinal);
    }
}
