using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// Who gets into the coordinators' console, against the real bot process on loopback (Kestrel, Development): an
/// anonymous visit is sent to sign-in, the local sign-in lets a coordinator in and shows anyone else a polite 403,
/// forms need their antiforgery token, the sign-in never sends anyone off the console, and every page carries a
/// strict Content-Security-Policy. Outside Development, or through a proxy, there is no local sign-in at all.
/// </summary>
public sealed class ConsoleAccessTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task AnAnonymousVisitIsSentToSignInAndACoordinatorGetsInWithStrictHeaders()
    {
        using var browser = ConsoleSite.Browser();
        var first = await browser.GetAsync(_site.Url + "/console");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/console/signin?ReturnUrl=%2Fconsole", first.Headers.Location!.PathAndQuery);

        var signedIn = await _site.SignInAsync(browser, "29:coordinator-eli", "/console/signin?ReturnUrl=%2Fconsole");
        Assert.Equal("/console", signedIn.Headers.Location!.OriginalString.Replace(_site.Url, "", StringComparison.Ordinal));
        var cookie = string.Join(";", signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var overview = await browser.GetAsync(_site.Url + "/console");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        var html = await overview.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Overview</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Eli Coordinator", html, StringComparison.Ordinal);
        // The shipped catalog still has TODOs: the same count as "resources status" gives in the bot.
        var placeholders = Regex.Match(html, @"<strong>(\d+)</strong> fields? (is|are) still a placeholder");
        Assert.True(placeholders.Success, "the overview does not count the catalog's placeholders");
        var inTheBot = WellnessBot.Dialogs.Resources.CatalogReader.Parse(File.ReadAllText(TestChat.RepoCatalog), "resources.json").Placeholders().Count;
        Assert.Equal(inTheBot, int.Parse(placeholders.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var csp = overview.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", overview.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var signOut = await _site.PostFormAsync(browser, "/console", "/console/signout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(_site.Url + "/console")).StatusCode);
    }

    [Fact]
    public async Task SomeoneWhoIsNotACoordinatorGetsAPolite403()
    {
        using var browser = ConsoleSite.Browser();
        await _site.SignInAsync(browser, "29:resident-ana", "/console/signin");

        var overview = await browser.GetAsync(_site.Url + "/console");
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        var denied = await browser.GetAsync(overview.Headers.Location!.IsAbsoluteUri ? overview.Headers.Location : new Uri(_site.Url + overview.Headers.Location));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var html = await denied.Content.ReadAsStringAsync();
        Assert.Contains("for the program's coordinators", html, StringComparison.Ordinal);
        Assert.DoesNotContain("placeholder", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignInWithoutItsTokenOrForSomeoneUnknownOrToElsewhereLetsNobodyOut()
    {
        using var browser = ConsoleSite.Browser();
        var forged = await browser.PostAsync(_site.Url + "/console/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "local-signin", ["PersonId"] = "29:coordinator-eli" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(_site.Url + "/console")).StatusCode);

        var unknown = await _site.SignInAsync(browser, "29:someone-else", "/console/signin");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("not in the local chat", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var elsewhere = await _site.SignInAsync(browser, "29:coordinator-eli", "/console/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/console", elsewhere.Headers.Location!.OriginalString.Replace(_site.Url, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThroughAProxyOrOutsideDevelopmentThereIsNoLocalSignIn()
    {
        using (var browser = ConsoleSite.Browser())
        {
            var request = new HttpRequestMessage(HttpMethod.Get, _site.Url + "/console/signin");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            var html = await (await browser.SendAsync(request)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("29:coordinator-eli", html, StringComparison.Ordinal);
            Assert.Contains("not set up", html, StringComparison.Ordinal);
        }

        await _site.RestartAsync("Production");
        using var production = ConsoleSite.Browser();
        var page = await production.GetAsync(_site.Url + "/console/signin");
        var text = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("29:coordinator-eli", text, StringComparison.Ordinal);
        var attempt = await _site.PostFormAsync(production, "/console/signin", "/console/signin", new() { ["_handler"] = "local-signin", ["PersonId"] = "29:coordinator-eli" });
        Assert.NotEqual(HttpStatusCode.Redirect, attempt.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await production.GetAsync(_site.Url + "/console")).StatusCode); // still signed out
    }

    [Fact]
    public async Task TheDigestPageShowsThisMonthsShoutOutsInReadAloudOrder()
    {
        await _site.SayAsAnaAsync("kudos me for finishing the QI poster <b>on time</b>");

        using var browser = ConsoleSite.Browser();
        await _site.SignInAsync(browser, "29:coordinator-eli", "/console/signin");
        var html = "";
        for (var i = 0; i < 50 && !html.Contains("QI poster", StringComparison.Ordinal); i++, await Task.Delay(200))
            html = await (await browser.GetAsync(_site.Url + "/console/digest")).Content.ReadAsStringAsync();

        Assert.Contains("Ana Resident", html, StringComparison.Ordinal);
        Assert.Contains("self-highlight", html, StringComparison.Ordinal);
        Assert.Contains("Not posted yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>on time</b>", html, StringComparison.Ordinal); // the words are text, never markup
        var tabs = Regex.Matches(html, "href=\"(/console/digest\\?month=[0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, tabs.Count); // this month and last month
        var lastMonth = await (await browser.GetAsync(_site.Url + tabs[1])).Content.ReadAsStringAsync();
        Assert.DoesNotContain("QI poster", lastMonth, StringComparison.Ordinal);
        Assert.Contains("No kudos were given", lastMonth, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastMonthsDigestIsPostedFromTheConsoleOnceHoweverOftenItIsPressedAndTheChangeIsAudited()
    {
        using var browser = ConsoleSite.Browser();
        await _site.SignInAsync(browser, "29:coordinator-eli", "/console/signin");
        var page = await (await browser.GetAsync(_site.Url + "/console/digest")).Content.ReadAsStringAsync();
        var lastMonth = Regex.Matches(page, "href=\"(/console/digest\\?month=([0-9-]+))\"")[1];
        Assert.DoesNotContain("digest now", page, StringComparison.Ordinal); // only last month's can be posted
        var fields = new Dictionary<string, string> { ["_handler"] = "post-now", ["Month"] = lastMonth.Groups[2].Value };

        var first = await _site.PostFormAsync(browser, lastMonth.Groups[1].Value, lastMonth.Groups[1].Value, new(fields));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.Content.ReadAsStringAsync();
        Assert.Contains("Posted: the", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("digest now", answer, StringComparison.Ordinal);

        var again = await _site.PostFormAsync(browser, lastMonth.Groups[1].Value, lastMonth.Groups[1].Value, new(fields));
        Assert.Contains("already posted", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var overview = await (await browser.GetAsync(_site.Url + "/console")).Content.ReadAsStringAsync();
        Assert.Single(Regex.Matches(overview, "Eli Coordinator posted the [A-Za-z]+ [0-9]{4} digest"));
    }
}
