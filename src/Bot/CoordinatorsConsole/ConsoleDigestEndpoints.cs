using Microsoft.AspNetCore.Mvc;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Kudos;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The digest page's actions and downloads, for coordinators only: hide a kudos from the breakfast or from
/// everything (with the reason), show it again, and this month's or last month's digest as CSV or breakfast slides.
/// A form answers with a redirect back to the page (so a refresh never repeats it) and says what happened there.
/// </summary>
internal static class ConsoleDigestEndpoints
{
    public static void MapConsoleDigest(this WebApplication app)
    {
        var digest = app.MapGroup("/console/digest").RequireAuthorization(ConsoleSetup.CoordinatorsPolicy);
        digest.MapPost("/hide", HideAsync);
        digest.MapPost("/show", ShowAsync);
        digest.MapGet("/{month}/kudos.csv", CsvAsync);
        digest.MapGet("/{month}/slides.pptx", SlidesAsync);
    }

    /// <summary>The form's fields: which kudos, in which month, from what, and why.</summary>
    internal sealed class HidingForm
    {
        public string? KudosId { get; set; }
        public string? Month { get; set; }
        public string? From { get; set; }
        public string? Reason { get; set; }
    }

    private static async Task<IResult> HideAsync([FromForm] HidingForm form, HttpContext http, KudosStore kudos, ConsoleMonths months, ConsoleAudit audit, ProgramSettings program, TimeProvider clock, CancellationToken ct)
    {
        if (Find(form, program, clock) is not var (month, id)) return Back(null, "unknown");
        var reason = form.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > KudosRecord.MaxHidingReasonLength) return Back(month, "reason");
        var from = form.From == "everything" ? HiddenFrom.Everything : HiddenFrom.Breakfast;
        if (await kudos.GetAsync(month, id, ct) is not { } found) return Back(month, "unknown");
        var who = ConsoleSetup.PersonOf(http.User)!;
        if (await kudos.UpdateAsync(found.HiddenBy(who.Name, from, reason, clock.GetUtcNow()), ct) is not { } hidden) return Back(month, "unknown");
        months.Changed(month, hidden);
        await audit.RecordAsync(who, $"hid a kudos for {Names(found)} from {(from == HiddenFrom.Everything ? "everything" : "the breakfast")} ({month.Title})", ct);
        return Back(month, "hidden");
    }

    private static async Task<IResult> ShowAsync([FromForm] HidingForm form, HttpContext http, KudosStore kudos, ConsoleMonths months, ConsoleAudit audit, ProgramSettings program, TimeProvider clock, CancellationToken ct)
    {
        if (Find(form, program, clock) is not var (month, id) || await kudos.GetAsync(month, id, ct) is not { Hidden: not null } found) return Back(null, "unknown");
        var who = ConsoleSetup.PersonOf(http.User)!;
        if (await kudos.UpdateAsync(found.ShownAgain(), ct) is not { } shown) return Back(month, "unknown");
        months.Changed(month, shown);
        await audit.RecordAsync(who, $"showed a kudos for {Names(found)} again ({month.Title})", ct);
        return Back(month, "shown");
    }

    private static async Task<IResult> CsvAsync(string month, HttpContext http, ConsoleMonths months, ProgramSettings program, TimeProvider clock, CancellationToken ct)
    {
        if (OpenMonth(month, program, clock) is not { } m) return Results.NotFound();
        var csv = (await months.GetAsync(m, ct)).Csv;
        http.Response.Headers.CacheControl = "no-store"; // names and words: never kept by a proxy or the browser
        return Results.File(csv, "text/csv; charset=utf-8", $"shout-outs-{m}.csv");
    }

    private static async Task<IResult> SlidesAsync(string month, HttpContext http, ConsoleMonths months, ProgramSettings program, TimeProvider clock, CancellationToken ct)
    {
        if (OpenMonth(month, program, clock) is not { } m) return Results.NotFound();
        var slides = (await months.GetAsync(m, ct)).Slides;
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(slides, "application/vnd.openxmlformats-officedocument.presentationml.presentation", $"breakfast-{m}.pptx");
    }

    /// <summary>This month or last month: the ones a coordinator can still act on.</summary>
    internal static Month? OpenMonth(string? text, ProgramSettings program, TimeProvider clock)
    {
        var now = Month.Of(clock.GetUtcNow(), program.Zone);
        return Month.TryParseStored(text, out var month) && (month == now || month == now.Previous) ? month : null;
    }

    private static (Month, string)? Find(HidingForm form, ProgramSettings program, TimeProvider clock) =>
        OpenMonth(form.Month, program, clock) is { } month && KudosStore.IsId(form.KudosId) ? (month, form.KudosId!) : null;

    private static string Names(KudosRecord k) => string.Join(", ", k.Recipients.Select(r => r.Name));

    private static IResult Back(Month? month, string said) =>
        Results.Redirect($"/console/digest?{(month is { } m ? "month=" + m + "&" : "")}said={said}", permanent: false, preserveMethod: false);
}
