using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Resources;

/// <summary>
/// Looks for edits to the catalog file and tells the coordinators, privately, when an edit could not be used
/// (and what to fix), and again when a fixed edit is in use.
/// </summary>
public sealed class CatalogUpdates(CatalogSource source, IProactiveMessenger messenger, ProgramSettings program)
{
    private bool _brokenReported;

    public async Task<CatalogReload> CheckAsync(CancellationToken ct)
    {
        var result = source.ReloadIfChanged();
        if (result == CatalogReload.Rejected && source.LastProblem is { } problem)
        {
            _brokenReported = true;
            await TellCoordinatorsAsync(
                $"⚠️ The last edit to the resource catalog ({problem.File}) could not be used, so residents still see the previous version. Please fix:\n\n- " +
                string.Join("\n- ", problem.Problems.Take(20)) + (problem.Problems.Count > 20 ? $"\n- … and {problem.Problems.Count - 20} more" : ""), ct).ConfigureAwait(false);
        }
        else if (result == CatalogReload.Loaded && _brokenReported)
        {
            _brokenReported = false;
            await TellCoordinatorsAsync($"✅ The resource catalog is fixed and in use: {source.Finder.Catalog.Resources.Count} resources.", ct).ConfigureAwait(false);
        }
        return result;
    }

    private async Task TellCoordinatorsAsync(string text, CancellationToken ct)
    {
        foreach (var coordinator in program.CoordinatorAddresses())
            await messenger.SendToUserAsync(coordinator, BotMessage.Say(text), ct).ConfigureAwait(false);
    }
}
