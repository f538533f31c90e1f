using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Kudos;

namespace WellnessBot.Tests.Harness;

/// <summary>Reading what the bot sent and kept, the same way in every channel's tests.</summary>
internal static class SentJson
{
    /// <summary>Every string in a card, view or message (texts, values, data), one per line, as the person would read it.</summary>
    public static string Texts(JsonNode node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(p => p.Value is null ? "" : Texts(p.Value))),
        JsonArray a => string.Join("\n", a.Select(e => e is null ? "" : Texts(e))),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => "",
    };

    /// <summary>The kudos kept for this month in a running bot.</summary>
    public static Task<List<KudosRecord>> KudosThisMonthAsync(IServiceProvider services) =>
        services.GetRequiredService<KudosStore>().MonthAsync(Month.Of(DateTimeOffset.UtcNow, services.GetRequiredService<ProgramSettings>().Zone), default);
}
