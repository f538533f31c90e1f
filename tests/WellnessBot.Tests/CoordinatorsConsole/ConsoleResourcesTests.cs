using System.Net;
using System.Text.RegularExpressions;
using WireMock.Server;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// Editing the resource catalog in the console, against the real bot: WellConnect's placeholder number is
/// replaced in the form, saved as a new version in the table store, and the bot answers with it at once; an entry
/// the loader would refuse is not saved and the form says why; going back to the first version is one click, and
/// the placeholders flag the entry at the top of the page.
/// </summary>
public sealed partial class ConsoleResourcesTests : IAsyncLifetime
{
    private ConsoleSite _site = null!;

    public async Task InitializeAsync() => _site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task ACoordinatorFixesAPhoneNumberAndTheBotAnswersWithItAtOnce()
    {
        using var eli = ConsoleSite.Browser();
        await _site.SignInAsync(eli, "29:coordinator-eli");
        var list = "";
        for (var i = 0; i < 50 && !list.Contains("Version 1,", StringComparison.Ordinal); i++, await Task.Delay(200))
            list = await _site.PageAsync(eli, "/console/resources"); // the catalog file became the first version at start-up
        Assert.Matches(@"To look at[\s\S]*WellConnect</a> <span class=""warning"">still has a TODO", list);

        var broken = await SaveAsync(eli, "wellconnect", ("Form.Links[0].Value", "not a web address"));
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Contains("It was not saved", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await SaveAsync(eli, "wellconnect", ("Form.Phones[0].Value", "1-800-555-0142"), ("Form.Checked", "true"));
        Assert.Equal("/console/resources?said=saved", PathOf(saved));
        Assert.Contains("1-800-555-0142", await AskTheBotAsync("resources childcare"), StringComparison.Ordinal);

        var page = await _site.PageAsync(eli, "/console/resources");
        Assert.Contains("by Eli Coordinator: edited the resource WellConnect", page, StringComparison.Ordinal);
        var first = Regex.Match(page, @"name=""Version"" value=""1"" />\s*<input type=""hidden"" name=""BasedOn"" value=""(\d+)""");
        Assert.True(first.Success, page);
        var back = await _site.PostFormAsync(eli, "/console/resources", "/console/resources/revert", new() { ["Version"] = "1", ["BasedOn"] = first.Groups[1].Value });
        Assert.Equal("/console/resources?said=reverted", PathOf(back));
        Assert.DoesNotContain("1-800-555-0142", await AskTheBotAsync("resources childcare"), StringComparison.Ordinal);

        var export = await (await eli.GetAsync(_site.Url + "/console/resources/catalog.json")).Content.ReadAsStringAsync();
        Assert.Contains("TODO: the WellConnect phone number", export, StringComparison.Ordinal);
        Assert.Contains("Eli Coordinator went back to version 1", await _site.PageAsync(eli, "/console"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWellnessOfficeAndAWholeCatalogCanBeSetFromTheConsoleAndABrokenImportIsRefusedWithItsProblems()
    {
        using var eli = ConsoleSite.Browser();
        await _site.SignInAsync(eli, "29:coordinator-eli");
        for (var i = 0; i < 50 && !(await _site.PageAsync(eli, "/console/resources")).Contains("Version 1,", StringComparison.Ordinal); i++) await Task.Delay(200);
        Assert.Contains("wellnessOffice.phone", await _site.PageAsync(eli, "/console"), StringComparison.Ordinal);

        var office = await PostPageFormAsync(eli, "/console/resources/office", ("Form.Phone", "617-555-0100"), ("Form.Url", "https://wellbeing.example.org"));
        Assert.Equal("/console/resources?said=saved", PathOf(office));
        var overview = await _site.PageAsync(eli, "/console");
        Assert.DoesNotContain("wellnessOffice.phone", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("wellnessOffice.url", overview, StringComparison.Ordinal);

        var broken = await PostPageFormAsync(eli, "/console/resources/import", ("Form.Catalog", "{ \"resources\": [] }"));
        var refused = await broken.Content.ReadAsStringAsync();
        Assert.Contains("It was not saved", refused, StringComparison.Ordinal);
        Assert.Contains("wellnessOffice", refused, StringComparison.Ordinal); // the loader's own words: what is missing

        var export = await (await eli.GetAsync(_site.Url + "/console/resources/catalog.json")).Content.ReadAsStringAsync();
        var imported = await PostPageFormAsync(eli, "/console/resources/import", ("Form.Catalog", export.Replace("Free, confidential support", "Free and confidential support", StringComparison.Ordinal)));
        Assert.Equal("/console/resources?said=saved", PathOf(imported));
        var versions = await _site.PageAsync(eli, "/console/resources");
        Assert.Contains("by Eli Coordinator: imported a catalog", versions, StringComparison.Ordinal);
        Assert.Contains("by Eli Coordinator: edited the wellness office", versions, StringComparison.Ordinal);
    }

    private string? PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { } to ? new Uri(new Uri(_site.Url), to).PathAndQuery : redirect.StatusCode.ToString();

    /// <summary>The edit form as the browser sends it: every field as rendered, with these changed.</summary>
    private Task<HttpResponseMessage> SaveAsync(HttpClient browser, string id, params (string Name, string Value)[] changes) =>
        PostPageFormAsync(browser, "/console/resources/edit?id=" + id, changes);

    private async Task<HttpResponseMessage> PostPageFormAsync(HttpClient browser, string path, params (string Name, string Value)[] changes)
    {
        var html = await _site.PageAsync(browser, path);
        var form = html[html.IndexOf("<form", html.IndexOf("<main", StringComparison.Ordinal), StringComparison.Ordinal)..];
        var fields = Inputs().Matches(form).Where(m => m.Groups["type"].Value != "checkbox")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (Match area in TextAreas().Matches(form)) fields[area.Groups["name"].Value] = WebUtility.HtmlDecode(area.Groups["value"].Value);
        foreach (var (name, value) in changes) fields[name] = value;
        return await browser.PostAsync(_site.Url + path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Ana asks the bot; the reply's text as the stub connector received it.</summary>
    private async Task<string> AskTheBotAsync(string text)
    {
        _site.Connector.ResetLogEntries();
        await _site.SayAsAnaAsync(text);
        for (var i = 0; i < 50; i++, await Task.Delay(100))
            if (_site.Connector.LogEntries.Select(e => e.RequestMessage?.Body ?? "").FirstOrDefault(b => b.Contains("WellConnect", StringComparison.Ordinal)) is { } reply) return reply;
        return "";
    }

    [GeneratedRegex("""<input(?=[^>]*name="(?<name>[^"]+)")(?=[^>]*value="(?<value>[^"]*)")(?:(?=[^>]*type="(?<type>[^"]+)"))?[^>]*>""")]
    private static partial Regex Inputs();

    [GeneratedRegex("""<textarea[^>]*name="(?<name>[^"]+)"[^>]*>(?<value>[^<]*)</textarea>""")]
    private static partial Regex TextAreas();
}
