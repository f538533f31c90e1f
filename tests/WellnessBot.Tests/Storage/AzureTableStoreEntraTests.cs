using WellnessBot.Storage;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Storage;

/// <summary>The whole contract again, authenticated the production way: a bare endpoint URL and Entra tokens.</summary>
[Collection(AzuriteOAuthCollection.Name)]
public sealed class AzureTableStoreEntraTests(AzuriteOAuthServer azurite) : TableStoreContract
{
    protected override ITableStore CreateStore() =>
        new AzureTableStore(azurite.Endpoint.ToString(), azurite.ClientOptions(), azurite.Credential);

    [Fact]
    public async Task TokensAreRequestedForTheStorageScope()
    {
        await Table.UpsertEntityAsync(new TableEntity("p", "r") { ["X"] = 1 });
        Assert.Contains("https://storage.azure.com/.default", azurite.Credential.RequestedScopes);
        Assert.True(AzureTableStore.UsesTokenCredential(azurite.Endpoint.ToString()));
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedWithAMessageAboutCredentials()
    {
        var expired = new StorageTokenCredential { Expired = true };
        await using var store = new AzureTableStore(azurite.Endpoint.ToString(), azurite.ClientOptions(), expired);
        var table = store.GetTableClient(Table.Name);

        var error = await Assert.ThrowsAsync<TableStoreException>(() => table.GetEntityAsync("p", "r"));

        Assert.Equal(403, error.Status);
        Assert.Contains("refused the credentials", error.Message);
        Assert.False((await store.CheckHealthAsync()).IsHealthy);
    }
}
