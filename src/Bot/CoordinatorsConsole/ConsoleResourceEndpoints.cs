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
    private static async Task<IResult> RevertAsync([FromForm] RevertForm form, HttpContext http, CatalogStore store, CatalogEditor editor, CancellationToken ct)
    {
        if (await store.VersionAsync(form.Version, ct) is not { } old) return Results.Redirect("/console/resources?said=unknown");
        var (result, _) = await editor.SaveAsync(ConsoleSetup.PersonOf(http.User)!, form.BasedOn, _ => old.Text, $"went back to version {old.Number}", ct);
        return Results.Redirect("/console/resources?said=" + result switch
        {
            CatalogEditResult.Saved => "reverted",
            CatalogEditResult.SomeoneSavedFirst => "raced",
            _ => "unchanged",
        });
    }

    private static async Task<IResult> ExportAsync(CatalogStore store, CatalogSource source, CancellationToken ct)
    {
        var text = (await store.CurrentAsync(ct))?.Text ?? source.LastFile?.Text;
        return text is null ? Results.NotFound() : Results.File(System.Text.Encoding.UTF8.GetBytes(text), "application/json", "resources.json");
    }
}
