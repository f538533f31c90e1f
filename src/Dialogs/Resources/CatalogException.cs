namespace WellnessBot.Dialogs.Resources;

/// <summary>A catalog file that could not be used, with every problem named by file, entry and field.</summary>
public sealed class CatalogException(string file, IReadOnlyList<string> problems)
    : Exception($"The resource catalog {file} has {problems.Count} problem(s):\n- " + string.Join("\n- ", problems))
{
    public string File { get; } = file;
    public IReadOnlyList<string> Problems { get; } = problems;
}
