using WellnessBot.Testing;

namespace WellnessBot.Tests.Shipping;

/// <summary>
/// The Dockerfile's promises, read from the file (no Docker daemon here to build it): a non-root user, the port the
/// infrastructure's probes use, the bot's entry point, and a publish of the real project.
/// </summary>
public sealed class ContainerImageTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Dockerfile"));

    [Fact]
    public void TheImageRunsTheBotAsANonRootUserOnPort8080()
    {
        var user = Assert.Single(Lines, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual("USER 0", user.Trim());
        Assert.True(Array.IndexOf(Lines, user) > Array.FindLastIndex(Lines, l => l.StartsWith("FROM ", StringComparison.Ordinal)), "USER must be set in the final stage");
        Assert.Contains(Lines, l => l.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l == "EXPOSE 8080");
        Assert.Contains(Lines, l => l.Contains("dotnet publish src/Bot/WellnessBot.Bot.csproj", StringComparison.Ordinal));
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"WellnessBot.Bot.dll\"]", Lines.Last(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
        // Every base image is pinned by digest (through the ARGs the FROM lines use).
        var images = Lines.Where(l => l.StartsWith("ARG ", StringComparison.Ordinal) && l.Contains("_IMAGE=", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, l => Assert.Matches("@sha256:[0-9a-f]{64}$", l));
        Assert.All(Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)), l => Assert.Matches(@"^FROM \$\{(SDK|RUNTIME)_IMAGE\}", l));
        Assert.Contains("targetPort: 8080", File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.bicep")), StringComparison.Ordinal);
    }
}
