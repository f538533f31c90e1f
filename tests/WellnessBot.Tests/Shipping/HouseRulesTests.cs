using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace WellnessBot.Tests.Shipping;

/// <summary>
/// The house rules a reader relies on, read from src/ with the compiler's own parser:
/// no file over 300 lines, no method (or constructor, accessor, local function, lambda body) over 60.
/// </summary>
public sealed class HouseRulesTests
{
    private const int MaxFileLines = 300;
    private const int MaxMethodLines = 60;

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path);

    [Fact]
    public void NoSourceFileIsOverThreeHundredLines()
    {
        var tooLong = SourceFiles()
            .Select(f => (File: Relative(f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxFileLines)
            .Select(f => $"{f.File} ({f.Lines} lines)")
            .ToList();
        Assert.True(tooLong.Count == 0, "Over 300 lines:\n" + string.Join('\n', tooLong));
    }

    [Fact]
    public void NoMethodIsOverSixtyLines()
    {
        var tooLong = new List<string>();
        foreach (var file in SourceFiles())
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file));
            foreach (var body in tree.GetRoot().DescendantNodes().Where(IsBody))
            {
                var span = body.GetLocation().GetLineSpan();
                var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                if (lines > MaxMethodLines)
                    tooLong.Add($"{Relative(file)}:{span.StartLinePosition.Line + 1} {NameOf(body)} ({lines} lines)");
            }
        }
        Assert.True(tooLong.Count == 0, "Over 60 lines:\n" + string.Join('\n', tooLong));
    }

    [Fact]
    public void AMonthIsWrittenInOnePlace()
    {
        var writers = SourceFiles().Where(f => File.ReadAllText(f).Contains("\"yyyy-MM\"", StringComparison.Ordinal)).Select(Relative).ToList();
        Assert.Equal([Path.Combine("src", "Dialogs", "Month.cs")], writers);
    }

    private static bool IsBody(SyntaxNode node) => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
        or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax;

    private static string NameOf(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text + " (constructor)",
        LocalFunctionStatementSyntax l => l.Identifier.Text,
        AccessorDeclarationSyntax a => a.Keyword.Text + " accessor",
        _ => node.Kind().ToString(),
    };
}
