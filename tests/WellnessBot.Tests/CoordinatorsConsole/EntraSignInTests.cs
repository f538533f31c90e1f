using System.Net;
using System.Web;
using Flaw = WellnessBot.Tests.CoordinatorsConsole.EntraStandIn.Flaw;
using Person = WellnessBot.Tests.CoordinatorsConsole.EntraStandIn.Person;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// The console's production sign-in, the real OpenID Connect flow against a TLS stand-in for Entra ID: an anonymous
/// visit goes to Entra's authorize endpoint; Entra's form_post answer comes back; the code is redeemed; a coordinator
/// (by object id in Program:Coordinators, or by the app role) sees the overview, anyone else the polite 403, and an
/// id_token with a wrong nonce, issuer or audience, expired or badly signed lets nobody in. No local sign-in in
/// Production; the Teams tab's frame is sent to the sign-in page with Teams' pop-up rather than to Entra.
/// </summary>
public sealed class EntraSignInTests(EntraConsoleSite site) : IClassFixture<EntraConsoleSite>
{
    private static Person Eli => new(EntraConsoleSite.EliObjectId, "Eli Entra", []);

    private static string Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("\n", values) : "";

    [Fact]
    public async Task ACoordinatorNamedByObjectIdSignsInThroughEntraAndSeesTheOverview()
    {
        using var browser = site.Browser();
        var start = await browser.GetAsync(site.Url + "/console/digest");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(site.Entra.AuthorizeUrl + "?", authorize.AbsoluteUri, StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(EntraStandIn.ClientId, query["client_id"]);
        Assert.Equal(site.Url + "/console/signin-oidc", query["redirect_uri"]);
        Assert.Equal(("code", "form_post", "S256"), (query["response_type"], query["response_mode"], query["code_challenge_method"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        // The correlation and nonce cookies come back with Entra's cross-site POST: SameSite=None, so Secure; never script-readable.
        var dance = Cookies(start).Split('\n');
        Assert.Equal(2, dance.Length);
        Assert.All(dance, c => Assert.Contains("path=/console/signin-oidc;", c, StringComparison.Ordinal));
        Assert.All(dance, c => Assert.Matches("(?i)secure.*samesite=none.*httponly|(?i)samesite=none.*secure.*httponly|(?i)secure.*httponly.*samesite=none", c));

        site.Entra.Next = Eli;
        var redeemed = site.Entra.Redeemed;
        var callback = await site.PostEntrasAnswerAsync(browser, authorize);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/console/digest", callback.Headers.Location!.OriginalString);
        Assert.Equal(redeemed + 1, site.Entra.Redeemed);
        var session = Cookies(callback).Split('\n').Single(c => c.StartsWith("__Host-wellnessbot-console=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=none", session, StringComparison.OrdinalIgnoreCase); // sent inside the Teams tab's iframe

        var overview = await browser.GetAsync(site.Url + "/console");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        var html = await overview.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Overview</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Eli Entra", html, StringComparison.Ordinal);
        var csp = overview.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self';", csp, StringComparison.Ordinal);

        var output = site.BotOutput;
        Assert.All(site.Entra.Issued.Append(EntraStandIn.ClientSecret), secret => Assert.DoesNotContain(secret, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAppRoleMakesSomeoneACoordinatorAndAnyoneElseGetsThePolite403()
    {
        using (var holder = site.Browser())
        {
            var (callback, _) = await site.SignInAsync(holder, new Person("0a0a0a0a-0000-4000-8000-0000000000a2", "Rae Role", ["Console.Coordinator"]));
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            var overview = await holder.GetAsync(site.Url + "/console");
            Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
            Assert.Contains("Rae Role", await overview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var other = site.Browser();
        await site.SignInAsync(other, new Person("0a0a0a0a-0000-4000-8000-0000000000a3", "Sam Signedin", ["Console.Reader"]));
        var denied = await other.GetAsync(site.Url + "/console");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/console/forbidden", site.Absolute(denied.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
        var page = await other.GetAsync(site.Absolute(denied.Headers.Location!));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("for the program's coordinators", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Flaw.WrongNonce)]
    [InlineData(Flaw.WrongIssuer)]
    [InlineData(Flaw.WrongAudience)]
    [InlineData(Flaw.Expired)]
    [InlineData(Flaw.BadSignature)]
    public async Task AnIdTokenThatIsNotRightLetsNobodyIn(Flaw flaw)
    {
        using var browser = site.Browser();
        var redeemed = site.Entra.Redeemed;
        var (callback, _) = await site.SignInAsync(browser, Eli with { Flaw = flaw });
        Assert.Equal(redeemed + 1, site.Entra.Redeemed); // the code was redeemed: it is the id_token that was refused
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/console/signin?failed=1", site.Absolute(callback.Headers.Location!).PathAndQuery);
        Assert.DoesNotContain("__Host-wellnessbot-console=", Cookies(callback), StringComparison.Ordinal);

        var again = await browser.GetAsync(site.Url + "/console");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith(site.Entra.AuthorizeUrl, again.Headers.Location!.AbsoluteUri, StringComparison.Ordinal); // still signed out
        Assert.Contains("did not go through", await browser.GetStringAsync(site.Url + "/console/signin?failed=1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntrasAnswerWithoutTheBrowsersCorrelationCookieLetsNobodyIn()
    {
        using var starter = site.Browser();
        var start = await starter.GetAsync(site.Url + "/console");
        site.Entra.Next = Eli;
        using var someoneElse = site.Browser(); // an answer replayed into another browser (login CSRF)
        var callback = await site.PostEntrasAnswerAsync(someoneElse, start.Headers.Location!);
        Assert.Equal("/console/signin?failed=1", site.Absolute(callback.Headers.Location!).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await someoneElse.GetAsync(site.Url + "/console")).StatusCode);
    }

    [Fact]
    public async Task InProductionTheLocalSignInIsNotOfferedAndTheTeamsTabIsSentToThePopUpSignIn()
    {
        using var browser = site.Browser();
        var page = await browser.GetAsync(site.Url + "/console/signin");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Sign in with Microsoft", html, StringComparison.Ordinal);
        Assert.DoesNotContain("local chat", html, StringComparison.Ordinal);
        Assert.DoesNotContain("local-signin", html, StringComparison.Ordinal);
        var forged = await browser.PostAsync(site.Url + "/console/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "local-signin", ["PersonId"] = "29:coordinator-eli" }));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);

        var framed = new HttpRequestMessage(HttpMethod.Get, site.Url + "/console/digest");
        framed.Headers.Add("Sec-Fetch-Dest", "iframe");
        var inTeams = await browser.SendAsync(framed);
        Assert.Equal(HttpStatusCode.Redirect, inTeams.StatusCode);
        Assert.Equal("/console/signin?ReturnUrl=%2Fconsole%2Fdigest", site.Absolute(inTeams.Headers.Location!).PathAndQuery);

        var signIn = await browser.GetAsync(site.Absolute(inTeams.Headers.Location!));
        var signInHtml = await signIn.Content.ReadAsStringAsync();
        Assert.Contains("data-back=\"/console/digest\"", signInHtml, StringComparison.Ordinal);
        Assert.Contains("data-popup=\"/console/signin/entra?returnUrl=%2Fconsole%2Fsignin%2Fdone\"", signInHtml, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/console/teams.js\"></script><script src=\"/console/signin.js\"></script>", signInHtml, StringComparison.Ordinal);
        Assert.Contains("authentication.authenticate", await browser.GetStringAsync(site.Url + "/console/signin.js"), StringComparison.Ordinal);
        var sdk = await browser.GetAsync(site.Url + "/console/teams.js");
        Assert.Equal("text/javascript", sdk.Content.Headers.ContentType!.MediaType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "src", "Bot", "CoordinatorsConsole", "Scripts", "MicrosoftTeams.min.js")), await sdk.Content.ReadAsByteArrayAsync());
        var csp = signIn.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindTheIngressWhereTlsEndsEntraIsStillGivenAnHttpsRedirectUri()
    {
        using var browser = site.Browser();
        var plain = new HttpRequestMessage(HttpMethod.Get, site.PlainUrl + "/console");
        plain.Headers.Add("X-Forwarded-Proto", "https");
        var start = await browser.SendAsync(plain);
        Assert.StartsWith(site.Entra.AuthorizeUrl, start.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(site.PlainUrl.Replace("http://", "https://", StringComparison.Ordinal) + "/console/signin-oidc",
            HttpUtility.ParseQueryString(start.Headers.Location!.Query)["redirect_uri"]);
    }

    [Fact]
    public async Task ThePopUpsSignInEndsOnThePageThatTellsTheTab()
    {
        using var browser = site.Browser();
        var start = await browser.GetAsync(site.Url + "/console/signin/entra?returnUrl=%2Fconsole%2Fsignin%2Fdone");
        Assert.StartsWith(site.Entra.AuthorizeUrl, start.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        site.Entra.Next = Eli;
        var callback = await site.PostEntrasAnswerAsync(browser, start.Headers.Location!);
        Assert.Equal("/console/signin/done", callback.Headers.Location!.OriginalString);
        var done = await browser.GetStringAsync(site.Url + "/console/signin/done");
        Assert.Contains("<script src=\"/console/signin-done.js\"></script>", done, StringComparison.Ordinal);
        Assert.Contains("notifySuccess", await browser.GetStringAsync(site.Url + "/console/signin-done.js"), StringComparison.Ordinal);

        var elsewhere = await browser.GetAsync(site.Url + "/console/signin/entra?returnUrl=https%3A%2F%2Fevil.example%2F");
        var state = HttpUtility.ParseQueryString(elsewhere.Headers.Location!.Query)["state"];
        Assert.False(string.IsNullOrEmpty(state));
        var back = await site.PostEntrasAnswerAsync(browser, elsewhere.Headers.Location!);
        Assert.Equal("/console", back.Headers.Location!.OriginalString); // never sent off the console
    }

    [Fact]
    public async Task EntrasFrontChannelSignOutEndsTheConsoleSession()
    {
        using var browser = site.Browser();
        await site.SignInAsync(browser, Eli);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(site.Url + "/console")).StatusCode);

        var signOut = await browser.GetAsync($"{site.Url}/console/signout-oidc?iss={Uri.EscapeDataString(site.Entra.Issuer)}&sid=session-{EntraConsoleSite.EliObjectId}");
        Assert.True(signOut.IsSuccessStatusCode, signOut.StatusCode.ToString());
        Assert.Contains(site.Entra.BaseUrl, signOut.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal); // Entra may frame this one
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(site.Url + "/console")).StatusCode);
    }
}
