namespace WellnessBot.Testing;

public static class RepoPaths
{
    /// <summary>The checkout's root: the folder holding WellnessBot.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WellnessBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Could not find WellnessBot.sln above " + AppContext.BaseDirectory);
    }
}
