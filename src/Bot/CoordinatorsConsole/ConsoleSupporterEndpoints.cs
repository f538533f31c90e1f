using Microsoft.AspNetCore.Mvc;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The peer supporters page's actions, for coordinators only: add someone the bot knows to the H3 roster, set their
/// department, or take them off it (their open requests pass to the next supporter, as "h3 roster remove" does).
/// Each answers with a redirect back to the page, which says what happened; each change is audited.
/// </summary>
internal static class ConsoleSupporterEndpoints
{
    public const int MaxDepartmentLength = 80;

    public static void MapConsoleSupporters(this WebApplication app)
    {
        var supporters = app.MapGroup("/console/supporters").RequireAuthorization(ConsoleSetup.CoordinatorsPolicy);
        supporters.MapPost("/add", AddAsync);
        supporters.MapPost("/department", DepartmentAsync);
        supporters.MapPost("/remove", RemoveAsync);
    }

    /// <summary>The forms' fields: who (a person's key, "channel|id") and their department.</summary>
    internal sealed class SupporterForm
    {
        public string? Person { get; set; }
        public string? Department { get; set; }
    }

    private static async Task<IResult> AddAsync([FromForm] SupporterForm form, HttpContext http, ConversationDirectory people, PeerRoster roster, ConsoleAudit audit, CancellationToken ct)
    {
        if (Department(form) is not { } department) return Back("department");
        // Only someone the bot can reach, named as the bot knows them: never a name the form made up.
        if (Key(form) is not var (channel, id) || await people.KnownPersonAsync(channel, id, ct) is not { } person) return Back("unknown");
        if (!await roster.AddAsync(person, department, ct)) return Back("already");
        await audit.RecordAsync(ConsoleSetup.PersonOf(http.User)!, $"added {person.Name} to the H3 roster" + (department.Length > 0 ? $" ({department})" : ""), ct);
        return Back("added");
    }

    private static async Task<IResult> DepartmentAsync([FromForm] SupporterForm form, HttpContext http, PeerRoster roster, ConsoleAudit audit, CancellationToken ct)
    {
        if (Department(form) is not { } department) return Back("department");
        if (await OnRosterAsync(form, roster, ct) is not { } supporter) return Back("unknown");
        if (supporter.Department == department) return Back("unchanged");
        await roster.SetDepartmentAsync(supporter.Person, department, ct);
        await audit.RecordAsync(ConsoleSetup.PersonOf(http.User)!, $"set {supporter.Person.Name}'s department to {(department.Length > 0 ? department : "none")}", ct);
        return Back("department-saved");
    }

    private static async Task<IResult> RemoveAsync([FromForm] SupporterForm form, HttpContext http, PeerRoster roster, SupportRouting routing, ConsoleAudit audit, CancellationToken ct)
    {
        if (await OnRosterAsync(form, roster, ct) is not { } supporter || !await roster.RemoveAsync(supporter.Person, ct)) return Back("unknown");
        var moved = await routing.ReassignFromAsync(supporter.Person, ct);
        await audit.RecordAsync(ConsoleSetup.PersonOf(http.User)!, $"took {supporter.Person.Name} off the H3 roster" + (moved > 0 ? $" ({moved} open passed on)" : ""), ct);
        return Back(moved > 0 ? "removed-passed" : "removed");
    }

    private static async Task<PeerSupporter?> OnRosterAsync(SupporterForm form, PeerRoster roster, CancellationToken ct) =>
        Key(form) is var (channel, id) ? await roster.GetAsync(new UserRef(channel, id, ""), ct) : null;

    private static (string Channel, string Id)? Key(SupporterForm form) =>
        form.Person is { Length: > 0 and <= 300 } key && key.Split('|', 2) is [{ Length: > 0 } channel, { Length: > 0 } id] ? (channel, id) : null;

    /// <summary>The department as typed, trimmed; null when it is too long or holds control characters.</summary>
    private static string? Department(SupporterForm form) =>
        (form.Department ?? "").Trim() is var d && d.Length <= MaxDepartmentLength && !d.Any(char.IsControl) ? d : null;

    private static IResult Back(string said) => Results.Redirect("/console/supporters?said=" + said);
}
