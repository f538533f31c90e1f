using System.Text.Json;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Privacy;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// For privacy requests, run by an admin against the bot's configured store (same settings as the bot):
///   WellnessBot.Bot privacy export msteams|29:abc…   → the person's data as JSON on standard output
///   WellnessBot.Bot privacy erase  slack|U024BE7LH --confirm
/// </summary>
internal static class PrivacyCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not [var verb, var who, .. var rest] || verb is not ("export" or "erase") || who.Split('|', 2) is not [var channel, var id] || id.Length == 0)
        {
            await errors.WriteLineAsync("Usage: privacy export <channel|user id> | privacy erase <channel|user id> --confirm   (e.g. msteams|29:1abc… or slack|U024BE7LH)");
            return 2;
        }
        var confirmed = rest.Contains("--confirm");
        if (verb == "erase" && !confirmed)
        {
            await errors.WriteLineAsync("Erasing cannot be undone. Export first, then run the same command with --confirm.");
            return 2;
        }
        // Logs go to standard error, so standard output is the JSON alone (privacy export … > person.json).
        await using var app = WellnessBotHost.Build([.. rest.Where(a => a != "--confirm"), "--urls", "http://127.0.0.1:0",
            "--Logging:Console:LogToStandardErrorThreshold=Trace"]);
        var store = app.Services.GetRequiredService<ITableStore>();
        foreach (var table in StorageKeys.AllTables) await store.GetTableClient(table).CreateIfNotExistsAsync();
        var person = new UserRef(channel, id, "");
        var data = app.Services.GetRequiredService<PersonalData>();
        if (verb == "export")
        {
            await output.WriteLineAsync((await data.ExportAsync(person, default)).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        var report = await data.EraseAsync(person, default);
        await output.WriteLineAsync(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        return 0;
    }
}
