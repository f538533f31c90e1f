using Microsoft.AspNetCore.Mvc;
using WellnessBot.Dialogs.Resources;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>The resources page's one-click revert and the catalog's export, for coordinators only.</summary>
internal static class ConsoleResourceEndpoints
{
    public static void MapConsoleResources(this WebApplication app)
    {
        var resources = app.MapGroup("/console/resources").RequireAuthorization(ConsoleSetup.CoordinatorsPolicy);
        resources.MapPost("/revert", RevertAsync);
        resources.MapGet("/catalog.json", ExportAsync);
    }

    internal sealed class RevertForm
    {
        public int Version { get; set; }
        public int BasedOn { get; set; }
    }

    /// <summary>An older version becomes the newest (so going back can be undone too).</summary>
    private static async Task<IResult> RevertAsync([FromForm] RevertForm form, HttpContext http, CatalogStore store, CatalogSource source, ConsoleAudit audit, CancellationToken ct)
    {
        if (await store.VersionAsync(form.Version, ct) is not { } old) return Results.Redirect("/console/resources?said=unknown");
        var who = ConsoleSetup.PersonOf(http.User)!;
        var (result, saved) = await store.SaveAsync(old.Text, form.BasedOn, who.Name, $"went back to version {old.Number}", ct);
        if (result == CatalogSave.SomeoneSavedFirst) return Results.Redirect("/console/resources?said=raced");
        if (saved is not null) source.Use(saved.Text, saved.Hash);
        if (result == CatalogSave.Saved) await audit.RecordAsync(who, $"went back to catalog version {old.Number}", ct);
        return Results.Redirect("/console/resources?said=" + (result == CatalogSave.Saved ? "reverted" : "unchanged"));
    }

    private static async Task<IResult> ExportAsync(CatalogStore store, CatalogSource source, CancellationToken ct)
    {
        var text = (await store.CurrentAsync(ct))?.Text ?? source.LastFile?.Text;
        return text is null ? Results.NotFound() : Results.File(System.Text.Encoding.UTF8.GetBytes(text), "application/json", "resources.json");
    }
}
