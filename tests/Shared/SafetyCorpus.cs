namespace WellnessBot.Testing;

/// <summary>
/// The safety net's corpora: messages written from the public warning-sign lists (988 Lifeline, AFSP, NIMH, the
/// C-SSRS screener) and from hospital life, the way residents type. One file a category (or several, written in
/// rounds) under crisis/ (must get the crisis reply) and not-crisis/ (must not); each file's header records what
/// it covers and the sources it was written from. Written without reading the detector.
/// <list type="bullet">
/// <item><see cref="Training"/> (training/): what the statistical check learns from, and what the patterns were tuned on.</item>
/// <item><see cref="Evaluation"/> (evaluation/): the latest round, written blind and never trained on; scored once before
/// it was read. Earlier rounds, once read, moved to training/ (their headers say so).</item>
/// </list>
/// </summary>
public static class SafetyCorpus
{
    public sealed record Message(string Category, bool Crisis, string Text, string File, int Line);

    public sealed record Category(string Name, bool Crisis, string Covers, IReadOnlyList<string> Sources, IReadOnlyList<Message> Messages);

    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", "Shared", "SafetyCorpus");

    public static IReadOnlyList<Category> Training { get; } = Load(Path.Combine(Folder, "training"));

    public static IReadOnlyList<Category> Evaluation { get; } = Load(Path.Combine(Folder, "evaluation"));

    /// <summary>The categories under a folder with crisis/ and not-crisis/ in it.</summary>
    public static List<Category> Load(string root)
    {
        var categories = new List<Category>();
        foreach (var (folder, crisis) in new[] { ("crisis", true), ("not-crisis", false) })
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "*.txt").Order(StringComparer.Ordinal))
                categories.Add(Read(file, crisis));
        // Several files of one category (written in rounds) are one category.
        return [.. categories.GroupBy(c => (c.Name, c.Crisis)).Select(g => g.Count() == 1 ? g.First()
            : new Category(g.Key.Name, g.Key.Crisis, g.First().Covers, [.. g.SelectMany(c => c.Sources).Distinct()], [.. g.SelectMany(c => c.Messages)]))];
    }

    private static Category Read(string file, bool crisis)
    {
        var name = File.ReadLines(file).Select(l => l.TrimStart('#').Trim()).FirstOrDefault(l => l.StartsWith("Category:", StringComparison.Ordinal)) is { } header
            ? header["Category:".Length..].Trim() : Path.GetFileNameWithoutExtension(file);
        var relative = Path.GetRelativePath(RepoPaths.Root, file);
        string covers = "";
        var sources = new List<string>();
        var messages = new List<Message>();
        var inSources = false;
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var comment = line.TrimStart('#').Trim();
                if (comment.StartsWith("What it covers:", StringComparison.Ordinal)) covers = comment["What it covers:".Length..].Trim();
                if (comment.StartsWith("Sources:", StringComparison.Ordinal)) { inSources = true; continue; }
                if (inSources && comment.StartsWith("- ", StringComparison.Ordinal)) sources.Add(comment[2..]);
                else if (!comment.StartsWith("- ", StringComparison.Ordinal)) inSources = false;
                continue;
            }
            messages.Add(new Message(name, crisis, line, relative, i + 1));
        }
        return new Category(name, crisis, covers, sources, messages);
    }
}
