using System.Collections.Frozen;
using Microsoft.AspNetCore.Components;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The console's only script, for its Teams tab's sign-in: Microsoft's Teams JavaScript SDK (@microsoft/teams-js,
/// pinned in package.json; Scripts/MicrosoftTeams.min.js is that version's file, checked by a test) and two small
/// files of ours. Embedded in the bot and served from /console, so the CSP's script-src is 'self' and no CDN is involved.
/// </summary>
internal static class ConsoleScripts
{
    public const string TeamsSdkPath = "/console/teams.js", SignInPath = "/console/signin.js", SignInDonePath = "/console/signin-done.js";

    /// <summary>The pages that load them; every other console page has a CSP without script-src.</summary>
    public static readonly IReadOnlyList<string> PagesWithScript = ["/console/signin", "/console/signin/done"];

    private static readonly FrozenDictionary<string, byte[]> Files = new Dictionary<string, byte[]>
    {
        [TeamsSdkPath] = Read("MicrosoftTeams.min.js"),
        [SignInPath] = Read("teams-signin.js"),
        [SignInDonePath] = Read("teams-signin-done.js"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The script elements for <paramref name="paths"/> (a component cannot hold a script element itself).</summary>
    public static MarkupString Tags(params string[] paths) =>
        new(string.Concat(paths.Select(p => $"<script src=\"{System.Net.WebUtility.HtmlEncode(p)}\"></script>")));

    public static void Map(WebApplication app)
    {
        foreach (var (path, bytes) in Files)
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Bytes(bytes, "text/javascript; charset=utf-8");
            });
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(ConsoleScripts).Assembly.GetManifestResourceStream("WellnessBot.Bot.CoordinatorsConsole.Scripts." + name)
            ?? throw new InvalidOperationException($"The console's script {name} is not embedded in the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
