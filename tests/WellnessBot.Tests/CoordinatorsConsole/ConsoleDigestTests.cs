using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using WireMock.Server;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// The digest page's actions and downloads against the real bot: a kudos hidden from the breakfast (with a reason)
/// leaves the slides and the spreadsheet but stays in the channel post, one hidden from everything leaves both, the
/// slides open in the Open XML SDK with one shout-out a slide and no schema errors, the spreadsheet is safe from
/// formulas, and each change is audited.
/// </summary>
public sealed class ConsoleDigestTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task HiddenKudosLeaveTheSlidesAndTheSpreadsheetWithTheReasonRecorded()
    {
        await _site.SayAsAnaAsync("kudos me for finishing the QI poster on time");
        await _site.SayAsAnaAsync("kudos me =1+1 for the sign-out template");
        await _site.SayAsAnaAsync("kudos me for teaching the new interns the pager etiquette");
        using var browser = ConsoleSite.Browser();
        await _site.SignInAsync(browser, "29:coordinator-eli");
        var page = "";
        for (var i = 0; i < 50 && Regex.Matches(page, "name=\"KudosId\"").Count < 3; i++, await Task.Delay(200))
            page = await _site.PageAsync(browser, "/console/digest");
        var month = Regex.Match(page, "href=\"/console/digest/([0-9-]+)/slides.pptx\"").Groups[1].Value;
        string IdOf(string words) => Regex.Match(page, "“[^”]*" + words + "[\\s\\S]*?name=\"KudosId\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        var (poster, pager) = (IdOf("QI poster"), IdOf("pager etiquette"));

        var noReason = await _site.PostFormAsync(browser, "/console/digest", "/console/digest/hide", new() { ["KudosId"] = poster, ["Month"] = month, ["From"] = "breakfast", ["Reason"] = " " });
        Assert.Contains("said=reason", noReason.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await _site.PostFormAsync(browser, "/console/digest", "/console/digest/hide", new() { ["KudosId"] = poster, ["Month"] = month, ["From"] = "breakfast", ["Reason"] = "she asked us not to read it aloud" });
        await _site.PostFormAsync(browser, "/console/digest", "/console/digest/hide", new() { ["KudosId"] = pager, ["Month"] = month, ["From"] = "everything", ["Reason"] = "duplicate of last week's" });

        var after = await _site.PageAsync(browser, "/console/digest");
        Assert.Contains("Hidden from the breakfast by Eli Coordinator: she asked us not to read it aloud", after, StringComparison.Ordinal);
        Assert.Contains("Hidden from everything", after, StringComparison.Ordinal);

        var slides = await browser.GetAsync(_site.Url + $"/console/digest/{month}/slides.pptx");
        Assert.Equal(HttpStatusCode.OK, slides.StatusCode);
        using (var deck = PresentationDocument.Open(new MemoryStream(await slides.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(deck));
            var texts = deck.PresentationPart!.SlideParts.Select(s => string.Concat(s.Slide.Descendants<DocumentFormat.OpenXml.Drawing.Text>().Select(t => t.Text))).ToList();
            Assert.Equal(2, texts.Count); // the title slide and the one shout-out still for the breakfast
            Assert.StartsWith("Shout-outs for", texts[0], StringComparison.Ordinal);
            Assert.StartsWith("Ana Resident", texts[1], StringComparison.Ordinal); // the recipient first
            Assert.Contains("sign-out template", texts[1], StringComparison.Ordinal);
        }

        var csv = await (await browser.GetAsync(_site.Url + $"/console/digest/{month}/kudos.csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("QI poster", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("pager etiquette", csv, StringComparison.Ordinal);
        Assert.Contains(",'=1+1 for the sign-out template,", csv, StringComparison.Ordinal); // text, never a formula
        var print = await _site.PageAsync(browser, $"/console/digest/print?month={month}");
        Assert.Contains("sign-out template", print, StringComparison.Ordinal);
        Assert.DoesNotContain("QI poster", print, StringComparison.Ordinal);

        var overview = await _site.PageAsync(browser, "/console");
        Assert.Contains("Eli Coordinator hid a kudos for Ana Resident from the breakfast", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("QI poster", overview, StringComparison.Ordinal); // the audit names people, never the words

        var shown = await _site.PostFormAsync(browser, "/console/digest", "/console/digest/show", new() { ["KudosId"] = pager, ["Month"] = month });
        Assert.Contains("said=shown", shown.Headers.Location?.OriginalString ?? shown.StatusCode.ToString(), StringComparison.Ordinal);
        Assert.Contains("pager etiquette", await (await browser.GetAsync(_site.Url + $"/console/digest/{month}/kudos.csv")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadsAreForCoordinatorsAndOnlyForMonthsStillOpen()
    {
        using var anonymous = ConsoleSite.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(_site.Url + "/console/digest/2026-01/slides.pptx")).StatusCode);
        using var ana = ConsoleSite.Browser();
        await _site.SignInAsync(ana, "29:resident-ana");
        Assert.NotEqual(HttpStatusCode.OK, (await ana.GetAsync(_site.Url + "/console/digest/2026-01/kudos.csv")).StatusCode);
        using var eli = ConsoleSite.Browser();
        await _site.SignInAsync(eli, "29:coordinator-eli");
        Assert.Equal(HttpStatusCode.NotFound, (await eli.GetAsync(_site.Url + "/console/digest/1999-01/kudos.csv")).StatusCode);
        var forged = await eli.PostAsync(_site.Url + "/console/digest/hide", new FormUrlEncodedContent(new Dictionary<string, string> { ["KudosId"] = "x", ["Reason"] = "r" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // no antiforgery token
    }
}
