namespace WellnessBot.Testing;

/// <summary>
/// Kudos texts with and without patient identifiers, written the way residents type, for the patient-details guard
/// (tests assert its figures; <c>./bench.sh kudos</c> prints them). Written apart from the guard's patterns, from
/// HIPAA Safe Harbor's identifier list; each file names its categories in "# category:" lines.
/// </summary>
public static class KudosCorpus
{
    public sealed record Line(string Text, string Category);

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Shared", "KudosCorpus");

    public static IReadOnlyList<Line> WithIdentifiers { get; } = Read("kudos-with-identifiers.txt");

    public static IReadOnlyList<Line> WithoutIdentifiers { get; } = Read("kudos-without-identifiers.txt");

    /// <summary>A second round, written blind (after the guard, by a writer who saw neither it nor the first round): the evaluation.</summary>
    public static IReadOnlyList<Line> BlindWithIdentifiers { get; } = Read(Path.Combine("blind", "kudos-with-identifiers.txt"));

    public static IReadOnlyList<Line> BlindWithoutIdentifiers { get; } = Read(Path.Combine("blind", "kudos-without-identifiers.txt"));

    private static List<Line> Read(string file)
    {
        var lines = new List<Line>();
        var category = "uncategorised";
        foreach (var raw in File.ReadLines(Path.Combine(Folder, file)))
        {
            var line = raw.Trim();
            if (line.StartsWith("# category:", StringComparison.OrdinalIgnoreCase)) category = line["# category:".Length..].Trim();
            else if (line.Length > 0 && !line.StartsWith('#')) lines.Add(new Line(line, category));
        }
        return lines;
    }
}
