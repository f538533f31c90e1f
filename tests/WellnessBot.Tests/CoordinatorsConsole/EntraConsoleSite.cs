using System.Net;
using System.Text.RegularExpressions;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// The real bot process in Production with Entra sign-in configured against <see cref="EntraStandIn"/>, serving the
/// console over https (a test CA's certificate, which the bot trusts through SSL_CERT_FILE, as it must trust Entra's),
/// and a browser's part of the OpenID Connect dance: follow the redirect to the authorize endpoint, post its form back.
/// </summary>
public sealed partial class EntraConsoleSite : IAsyncLifetime
{
    /// <summary>Eli, named in Program:Coordinators by Azure AD object id.</summary>
    public const string EliObjectId = "0a0a0a0a-0000-4000-8000-0000000000e1";

    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-entra-").FullName;
    private BotProcess _bot = null!;

    public TestCertificates Certificates { get; private set; } = null!;
    public EntraStandIn Entra { get; private set; } = null!;
    public string Url { get; private set; } = "";
    public string BotOutput => _bot.Output;

    /// <summary>The bot's plain-http address, as the ingress (which ends TLS) reaches it.</summary>
    public string PlainUrl => _bot.Url;

    public async Task InitializeAsync()
    {
        Certificates = TestCertificates.Create(_folder);
        Entra = await EntraStandIn.StartAsync(Certificates);
        Url = "https://127.0.0.1:" + LoopbackPort.Free();
        _bot = await BotProcess.StartAsync(_folder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__ConnectionString"] = $"Data Source={Path.Combine(_folder, "entra.db")}",
            ["Resources__CatalogPath"] = TestChat.RepoCatalog,
            ["Program__Coordinators__0"] = "29:coordinator-eli",
            ["Program__Coordinators__1"] = EliObjectId,
            ["Support__Keys__" + TestSupportKey.Id] = TestSupportKey.Value,
            ["AzureAd__Instance"] = Entra.Instance,
            ["AzureAd__TenantId"] = EntraStandIn.TenantId,
            ["AzureAd__ClientId"] = EntraStandIn.ClientId,
            ["AzureAd__ClientSecret"] = EntraStandIn.ClientSecret,
            // .NET on Linux reads its trusted roots from here: the test CA only, as if it were Entra's.
            ["SSL_CERT_FILE"] = Certificates.AuthorityPemPath,
            ["Kestrel__Certificates__Default__Path"] = Certificates.ServerPemPath,
            ["Kestrel__Certificates__Default__KeyPath"] = Certificates.ServerKeyPemPath,
            // So that a token or secret written to a log would show up in BotOutput.
            ["Logging__LogLevel__Default"] = "Information", ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
        }, alsoListenOn: Url);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await Entra.DisposeAsync();
        Certificates.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A browser that keeps cookies, follows no redirect by itself and trusts the test CA only.</summary>
    public HttpClient Browser() => new(new BrowserCookies(Certificates.TrustingHandler())) { Timeout = TimeSpan.FromSeconds(30) };

    public Uri Absolute(Uri location) => location.IsAbsoluteUri ? location : new Uri(new Uri(Url), location);

    /// <summary>The whole sign-in as <paramref name="who"/>: /console, Entra's authorize page, its form posted back. Returns the callback's answer.</summary>
    public async Task<(HttpResponseMessage Callback, Uri Authorize)> SignInAsync(HttpClient browser, EntraStandIn.Person who, string page = "/console")
    {
        var start = await browser.GetAsync(Url + page);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Entra.Next = who;
        var callback = await PostEntrasAnswerAsync(browser, authorize);
        return (callback, authorize);
    }

    /// <summary>What the browser does with Entra's form_post page: posts its hidden fields to the form's action.</summary>
    public async Task<HttpResponseMessage> PostEntrasAnswerAsync(HttpClient browser, Uri authorize)
    {
        var page = await browser.GetStringAsync(authorize);
        var action = WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value);
        var fields = Hidden().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<form method=\"POST\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\" />")]
    private static partial Regex Hidden();
}
