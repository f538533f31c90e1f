namespace WellnessBot.Tests.Storage;

/// <summary>The Azure-backed tests must fail loudly, with a fix, when Azurite is missing: never be skipped.</summary>
public sealed class AzuriteLauncherTests
{
    [Fact]
    public async Task AMissingAzuriteSaysHowToInstallIt()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AzuriteProcess.StartAsync("/nonexistent/azurite-table", []));
        Assert.Contains("Azurite is not installed", error.Message);
        Assert.Contains("./test.sh", error.Message);
    }
}
