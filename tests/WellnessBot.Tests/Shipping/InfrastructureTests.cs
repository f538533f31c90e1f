using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Shipping;

/// <summary>infra/main.bicep compiles and lints clean with the Bicep CLI (from its NuGet package, offline), and says what it must.</summary>
public sealed class InfrastructureTests
{
    private static readonly string Bicep = typeof(InfrastructureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
    private static readonly string Template = Path.Combine(RepoPaths.Root, "infra", "main.bicep");

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        Assert.True(File.Exists(Bicep), $"The Bicep CLI was not restored at {Bicep}.");
        var start = new ProcessStartInfo(Bicep, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    [Fact]
    public async Task TheTemplateBuildsAndLintsWithoutAWarning()
    {
        var (exit, json, errors) = await RunAsync("build", Template, "--stdout");
        Assert.True(exit == 0 && errors.Trim().Length == 0, errors);
        var (lintExit, lintOut, lintErrors) = await RunAsync("lint", Template);
        Assert.True(lintExit == 0 && (lintOut + lintErrors).Trim().Length == 0, lintOut + lintErrors);

        var arm = JsonNode.Parse(json)!;
        var resources = arm["resources"] is JsonObject named ? named.Select(r => r.Value!).ToList() : arm["resources"]!.AsArray().Select(r => r!).ToList();
        JsonNode Of(string type) => resources.First(r => r["type"]!.GetValue<string>() == type);

        // Table Storage through the managed identity only: shared keys off, the data role granted, no key in settings.
        Assert.False(Of("Microsoft.Storage/storageAccounts")["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", arm["variables"]!["tableDataContributor"]!.GetValue<string>()); // Storage Table Data Contributor
        Assert.Contains(resources, r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments"
                                        && r.ToJsonString().Contains("tableDataContributor", StringComparison.Ordinal));
        var app = Of("Microsoft.App/containerApps").ToJsonString();
        Assert.DoesNotContain("AccountKey", app, StringComparison.Ordinal);
        Assert.Contains("UserAssignedMSI", app, StringComparison.Ordinal);
        Assert.Contains("/healthz", app, StringComparison.Ordinal);
        Assert.Contains("/readyz", app, StringComparison.Ordinal);
        Assert.Contains("Support__Keys__current", app, StringComparison.Ordinal);
        Assert.Equal("UserAssignedMSI", Of("Microsoft.BotService/botServices")["properties"]!["msaAppType"]!.GetValue<string>());
        // Secrets come from the Key Vault by reference: none is a deployment parameter (a command line, a deployment's history).
        Assert.Null(arm["parameters"]!["supportKey"]);
        Assert.DoesNotContain(arm["parameters"]!.AsObject(), p => p.Value!["type"]!.GetValue<string>() == "securestring");
        Assert.Contains("secrets/support-key", app, StringComparison.Ordinal);
        // Two identities: the bot's Bot Framework identity has no data role; data access is another identity's.
        Assert.Equal(2, resources.Count(r => r["type"]!.GetValue<string>() == "Microsoft.ManagedIdentity/userAssignedIdentities"));
        Assert.Contains("-bot-identity", Of("Microsoft.BotService/botServices").ToJsonString(), StringComparison.Ordinal);
        Assert.All(resources.Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments"),
            r => Assert.Contains("-data-identity", r.ToJsonString(), StringComparison.Ordinal));
        Assert.Contains("Teams__AllowedTenants__", json, StringComparison.Ordinal);
        // Private endpoints when asked for: the table store and the vault.
        Assert.Contains(resources, r => r["type"]!.GetValue<string>() == "Microsoft.Network/privateEndpoints");
    }
}
