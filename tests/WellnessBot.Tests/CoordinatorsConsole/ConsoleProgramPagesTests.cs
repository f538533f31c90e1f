using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// The console's program pages against the real bot, with the program's team read from the stub connector: peer
/// supporters picked from the team (added, given a department, removed, each audited, with the requests they hold
/// counted), the support overview (counts and times, never who or why) and the kudos figures (no names, no group
/// under five counted, charts drawn as SVG on the server).
/// </summary>
public sealed partial class ConsoleProgramPagesTests : IAsyncLifetime
{
    private static readonly (string Id, string Name) Ana = ("29:resident-ana", "Ana Resident"), Ben = ("29:resident-ben", "Ben Resident"),
        Chen = ("29:resident-chen", "Chen Fellow"), Dana = ("29:supporter-dana", "Dana Supporter"), Fay = ("29:resident-fay", "Fay Intern"),
        Gus = ("29:resident-gus", "Gus Resident"), Hal = ("29:resident-hal", "Hal Resident"), Eli = ("29:coordinator-eli", "Eli Coordinator");

    private ConsoleSite _site = null!;

    public async Task InitializeAsync()
    {
        _site = await ConsoleSite.StartAsync();
        _site.TeamMembers(Ana, Ben, Chen, Dana, Fay, Gus, Hal, Eli);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task ASupporterIsPickedFromTheTeamGivenADepartmentAndRemovedAndEveryChangeIsAudited()
    {
        await _site.SayInTheChannelAsync("help"); // the first channel turn reads the team
        using var eli = ConsoleSite.Browser();
        await _site.SignInAsync(eli, Eli.Id);
        var page = await EventuallyAsync(eli, "/console/supporters", p => p.Contains("value=\"msteams|29:supporter-dana\"", StringComparison.Ordinal));
        Assert.Contains("The roster is empty", page, StringComparison.Ordinal);
        Assert.Contains(">Eli Coordinator</option>", page, StringComparison.Ordinal); // coordinators can be supporters too

        Assert.Contains("said=unknown", await SaidAsync(eli, "/console/supporters/add", new() { ["Person"] = "msteams|29:someone-made-up", ["Department"] = "" }), StringComparison.Ordinal);
        Assert.Contains("said=department", await SaidAsync(eli, "/console/supporters/add", new() { ["Person"] = "msteams|" + Ben.Id, ["Department"] = new string('x', 81) }), StringComparison.Ordinal);
        Assert.Contains("said=added", await SaidAsync(eli, "/console/supporters/add", new() { ["Person"] = "msteams|" + Dana.Id, ["Department"] = " Surgery " }), StringComparison.Ordinal);
        Assert.Contains("said=already", await SaidAsync(eli, "/console/supporters/add", new() { ["Person"] = "msteams|" + Dana.Id, ["Department"] = "" }), StringComparison.Ordinal);

        page = await _site.PageAsync(eli, "/console/supporters");
        Assert.Matches("<th scope=\"row\">Dana Supporter</th>\\s*<td>available</td>\\s*<td>0 open</td>", page);
        Assert.Contains("value=\"Surgery\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"msteams|29:supporter-dana\"", page, StringComparison.Ordinal); // not offered twice
        Assert.DoesNotContain("Ben Resident</th>", page, StringComparison.Ordinal); // the refused ones were not added

        // Ana asks for a peer supporter: the request is offered to Dana, and the page counts it, with nothing about it.
        await _site.SayAsAsync(Ana, "support");
        var form = await _site.CardActionAsync("support.submit");
        await _site.SayAsAsync(Ana, "", new JsonObject
        {
            ["action"] = "support.submit", ["draft"] = form["draft"]!.GetValue<string>(), ["tier"] = "peer", ["note"] = "marker-note-7731 rough week",
            ["contactBy"] = "chat", ["contactInfo"] = "", ["contactWhen"] = "evenings", ["urgent"] = "false",
        });
        page = await EventuallyAsync(eli, "/console/supporters", p => p.Contains("<td>1 open</td>", StringComparison.Ordinal));
        Assert.DoesNotContain("marker-note-7731", page, StringComparison.Ordinal);

        Assert.Contains("said=department-saved", await SaidAsync(eli, "/console/supporters/department", new() { ["Person"] = "msteams|" + Dana.Id, ["Department"] = "Emergency Medicine" }), StringComparison.Ordinal);
        Assert.Contains("value=\"Emergency Medicine\"", await _site.PageAsync(eli, "/console/supporters"), StringComparison.Ordinal);

        using var ana = ConsoleSite.Browser();
        await _site.SignInAsync(ana, Ana.Id);
        var refused = await _site.PostFormAsync(ana, "/console/signin", "/console/supporters/remove", new() { ["Person"] = "msteams|" + Dana.Id });
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("forbidden", StringComparison.Ordinal) == true, $"{refused.StatusCode}");
        Assert.Contains("Dana Supporter</th>", await _site.PageAsync(eli, "/console/supporters"), StringComparison.Ordinal);

        Assert.Contains("said=removed-passed", await SaidAsync(eli, "/console/supporters/remove", new() { ["Person"] = "msteams|" + Dana.Id }), StringComparison.Ordinal);
        Assert.Contains("The roster is empty", await _site.PageAsync(eli, "/console/supporters"), StringComparison.Ordinal);

        var overview = await _site.PageAsync(eli, "/console");
        Assert.Contains("Eli Coordinator added Dana Supporter to the H3 roster (Surgery)", overview, StringComparison.Ordinal);
        Assert.Contains("Eli Coordinator set Dana Supporter&#x27;s department to Emergency Medicine", overview, StringComparison.Ordinal);
        Assert.Contains("Eli Coordinator took Dana Supporter off the H3 roster (1 open passed on)", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSupportPageCountsOpenRequestsByStateAndAgeWithoutWhoOrWhy()
    {
        await _site.SayAsAsync(Ana, "support");
        var form = await _site.CardActionAsync("support.submit");
        await _site.SayAsAsync(Ana, "", new JsonObject
        {
            ["action"] = "support.submit", ["draft"] = form["draft"]!.GetValue<string>(), ["tier"] = "expedited", ["note"] = "marker-note-4410 after the code",
            ["contactBy"] = "phone", ["contactInfo"] = "555-0199", ["contactWhen"] = "now", ["urgent"] = "false",
        });
        using var eli = ConsoleSite.Browser();
        await _site.SignInAsync(eli, Eli.Id);
        var page = await EventuallyAsync(eli, "/console/support", p => p.Contains("Open now (1)", StringComparison.Ordinal));
        // Nobody is on the roster: the request went to a coordinator, young.
        Assert.Matches("Escalated to a coordinator</th><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">1</td>", page);
        Assert.Matches("<th scope=\"row\">[A-Z][a-z]+ 20[0-9]{2}</th><td class=\"n\">1</td><td>none yet</td><td>none yet</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">1</td>", page);
        foreach (var secret in new[] { "marker-note-4410", "555-0199", "Ana Resident", "resident-ana" })
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKudosPageCountsWithoutNamesAndNeverCountsAGroupUnderFive()
    {
        await _site.SayInTheChannelAsync("kudos <at>Ben Resident</at> <at>Chen Fellow</at> thanks for covering the pager overnight", Ben, Chen);
        using var eli = ConsoleSite.Browser();
        await _site.SignInAsync(eli, Eli.Id);
        // Seven people in the team besides Eli; Ben and Chen were recognised, five were not.
        var page = await EventuallyAsync(eli, "/console/kudos", p => p.Contains("5 of the 7 people", StringComparison.Ordinal));
        Assert.Contains("<strong>1</strong> kudos", page, StringComparison.Ordinal);
        Assert.Contains("<strong>1</strong> person gave kudos, <strong>2</strong> received them", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\" role=\"img\"", page, StringComparison.Ordinal);
        Assert.Equal(2, ChartTitle().Matches(page).Count);
        foreach (var name in new[] { "Ana Resident", "Ben Resident", "Chen Fellow", "Fay Intern", "Gus Resident", "Hal Resident", "Dana Supporter", "covering the pager" })
            Assert.DoesNotContain(name, page, StringComparison.Ordinal);

        await _site.SayInTheChannelAsync("kudos <at>Fay Intern</at> for the best sign-out template", Fay);
        page = await EventuallyAsync(eli, "/console/kudos", p => p.Contains("<strong>2</strong> kudos", StringComparison.Ordinal));
        Assert.Contains("Fewer than 5 of the 7 people", page, StringComparison.Ordinal);
        Assert.DoesNotContain("4 of the 7", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("<title id=\"by-(category|month)-title\">")]
    private static partial Regex ChartTitle();

    private async Task<string> SaidAsync(HttpClient browser, string action, Dictionary<string, string> fields)
    {
        var answer = await _site.PostFormAsync(browser, "/console/supporters", action, fields);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!.OriginalString;
    }

    /// <summary>The page once <paramref name="ready"/> holds (the bot's turns and the team read run behind their answers), or a failure showing it.</summary>
    private async Task<string> EventuallyAsync(HttpClient browser, string path, Func<string, bool> ready)
    {
        var page = "";
        for (var i = 0; i < 100; i++, await Task.Delay(150))
            if (ready(page = await _site.PageAsync(browser, path))) return page;
        Assert.Fail($"{path} never showed what was expected:\n{page}");
        return page;
    }
}
