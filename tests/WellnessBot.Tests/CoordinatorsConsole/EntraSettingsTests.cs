using WellnessBot.Bot.CoordinatorsConsole;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>The AzureAd section as start-up checks it: a usable one passes; each mistake is named.</summary>
public sealed class EntraSettingsTests
{
    private static EntraSettings Usable() => new()
    {
        TenantId = EntraStandIn.TenantId, ClientId = EntraStandIn.ClientId, ClientSecret = "from-key-vault",
    };

    [Fact]
    public void AUsableSectionPasses() => Assert.Empty(Usable().Validate());

    [Theory]
    [InlineData("Instance", "http://login.microsoftonline.com/", "AzureAd:Instance")]
    [InlineData("TenantId", "common", "AzureAd:TenantId")]
    [InlineData("TenantId", "", "AzureAd:TenantId")]
    [InlineData("ClientId", "wellnessbot-console", "AzureAd:ClientId")]
    [InlineData("ClientSecret", "", "AzureAd:ClientSecret")]
    [InlineData("CallbackPath", "/signin-oidc", "AzureAd:CallbackPath")]
    public void EachMistakeIsNamed(string setting, string value, string named)
    {
        var settings = Usable();
        typeof(EntraSettings).GetProperty(setting)!.SetValue(settings, value);
        Assert.Contains(named, Assert.Single(settings.Validate()), StringComparison.Ordinal);
    }
}
