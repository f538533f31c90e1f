using WellnessBot.Storage;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Storage;

/// <summary>The forms of Storage:ConnectionString an administrator may give, as the SDK reads them; nothing is sent.</summary>
public sealed class AzureConnectionTests
{
    [Theory]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10002/devstoreaccount1")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=wellness;AccountKey=a2V5;EndpointSuffix=core.windows.net", "https://wellness.table.core.windows.net/")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:5555/devstoreaccount1", "http://127.0.0.1:5555/devstoreaccount1")]
    [InlineData("TableEndpoint=https://w.table.core.windows.net;SharedAccessSignature=sv=2019-02-02&sig=abc", "https://w.table.core.windows.net/")]
    [InlineData("https://w.table.core.windows.net/?sv=2019-02-02&sig=abc", "https://w.table.core.windows.net/")]
    public void EachFormReachesItsEndpointAndNeverShowsASecret(string connection, string endpoint)
    {
        Assert.Empty(Validate(connection));
        Assert.False(AzureTableStore.UsesTokenCredential(connection));
        var store = new AzureTableStore(connection);
        Assert.Equal(endpoint.TrimEnd('/'), store.Location.TrimEnd('/'));
        Assert.DoesNotContain("sig=", store.Location);
        Assert.DoesNotContain("a2V5", store.Location);
    }

    [Fact]
    public async Task ABareEndpointMeansMicrosoftEntraTokens()
    {
        const string endpoint = "https://wellness.table.core.windows.net/";
        Assert.True(AzureTableStore.UsesTokenCredential(endpoint));
        Assert.Empty(Validate(endpoint));
        Assert.Throws<ArgumentException>(() => new AzureTableStore(endpoint));
        await using var store = TableStoreFactory.Create(Options(endpoint)); // DefaultAzureCredential, not asked for a token yet
        Assert.Equal("https://wellness.table.core.windows.net/", store.Location);
    }

    [Theory]
    [InlineData("AccountKey=a2V5")]
    [InlineData("AccountName=x;garbage")]
    [InlineData("not a connection string at all")]
    public void AMistakeIsNamedWithoutEchoingTheValue(string connection)
    {
        var problem = Assert.Single(Validate(connection));
        Assert.StartsWith("Storage:ConnectionString:", problem);
        Assert.DoesNotContain("a2V5", problem);
        Assert.Throws<InvalidOperationException>(() => TableStoreFactory.Create(Options(connection)));
    }

    [Fact]
    public void TheDevelopmentKeyIsNeverInTheLocation()
    {
        var store = new AzureTableStore($"AccountName=devstoreaccount1;AccountKey={AzuriteProcess.AccountKey};TableEndpoint=http://127.0.0.1:1/devstoreaccount1");
        Assert.DoesNotContain(AzuriteProcess.AccountKey[..10], store.Location);
    }

    private static StorageOptions Options(string connection) => new() { Provider = "AzureTables", ConnectionString = connection };

    private static IReadOnlyList<string> Validate(string connection) => Options(connection).Validate();
}
