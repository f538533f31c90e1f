using WellnessBot.Storage;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Tests.Harness;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStoreTests(AzuriteServer azurite) : TableStoreContract
{
    protected override ITableStore CreateStore() =>
        new AzureTableStore(azurite.ConnectionString);
}
