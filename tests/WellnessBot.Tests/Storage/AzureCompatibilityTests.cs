using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Tests.Harness;
using Ours = WellnessBot.Storage;

namespace WellnessBot.Tests.Storage;

/// <summary>
/// The SDK backend against what exists outside it: entities the earlier hand-written REST client stored, an
/// operator's script with a plain <see cref="TableClient"/>, and the SAS forms of a connection.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureCompatibilityTests(AzuriteServer azurite)
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 3, 4, 5, 6, TimeSpan.Zero).AddTicks(1234567);
    private static readonly Guid Id = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    private static string UniqueTable() => "compat" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The earlier client's wire form: full-metadata JSON with every non-string, non-Int32 type annotated.</summary>
    private const string OldClientEntityJson =
        "{\"PartitionKey\":\"kudos-2026-11\",\"RowKey\":\"o'brien|1\",\"Message\":\"thanks for covering my pager\"," +
        "\"Count\":7,\"Anonymous\":true," +
        "\"Big@odata.type\":\"Edm.Int64\",\"Big\":\"9007199254740993\"," +
        "\"WholeDouble@odata.type\":\"Edm.Double\",\"WholeDouble\":2," +
        "\"Double@odata.type\":\"Edm.Double\",\"Double\":0.1," +
        "\"GivenAt@odata.type\":\"Edm.DateTime\",\"GivenAt\":\"2026-11-03T04:05:06.1234567Z\"," +
        "\"Id@odata.type\":\"Edm.Guid\",\"Id\":\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"," +
        "\"Blob@odata.type\":\"Edm.Binary\",\"Blob\":\"AAEC/w==\"}";

    [Fact]
    public async Task EntitiesTheOldRestClientWroteReadBackWithTheirTypes()
    {
        var table = UniqueTable();
        var sas = new TableServiceClient(azurite.ConnectionString).GenerateSasUri(
            TableAccountSasPermissions.All, TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow.AddHours(1));
        using var http = new HttpClient();
        Assert.True((await http.SendAsync(OldClientPost(sas, "Tables", $"{{\"TableName\":\"{table}\"}}"))).IsSuccessStatusCode);
        var written = await http.SendAsync(OldClientPost(sas, table, OldClientEntityJson));
        Assert.True(written.IsSuccessStatusCode, $"raw insert answered {(int)written.StatusCode}");

        await using var store = new AzureTableStore(azurite.ConnectionString);
        var read = await store.GetTableClient(table).GetEntityAsync("kudos-2026-11", "o'brien|1");

        Assert.NotNull(read);
        Assert.Equal("thanks for covering my pager", read!.GetString("Message"));
        Assert.Equal(7, Assert.IsType<int>(read["Count"]));
        Assert.True(Assert.IsType<bool>(read["Anonymous"]));
        Assert.Equal(9007199254740993L, Assert.IsType<long>(read["Big"]));
        Assert.Equal(2.0, Assert.IsType<double>(read["WholeDouble"]));
        Assert.Equal(0.1, Assert.IsType<double>(read["Double"]));
        Assert.Equal(At, Assert.IsType<DateTimeOffset>(read["GivenAt"]));
        Assert.Equal(Id, Assert.IsType<Guid>(read["Id"]));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, Assert.IsType<byte[]>(read["Blob"]));
        Assert.NotEqual(default, read.ETag);
    }

    [Fact]
    public async Task AKudosTheBotSavedIsReadableByAPlainTableClient()
    {
        await using var store = new AzureTableStore(azurite.ConnectionString);
        await store.GetTableClient(StorageKeys.KudosTable).CreateIfNotExistsAsync();
        var kudos = new KudosRecord
        {
            Id = KudosStore.IdFor("compat-" + Guid.NewGuid()), Month = new Month(2026, 11),
            Giver = new UserRef("msteams", "29:ana", "Ana"), Recipients = [new UserRef("msteams", "29:ben", "Ben")],
            Message = "thanks for covering my pager", Category = KudosCategory.Teamwork, GivenAt = At,
        };
        await new KudosStore(store).AddAsync(kudos, CancellationToken.None);

        // As an operator's script would: the SDK alone, the table and keys by their documented names.
        var plain = new TableClient(azurite.ConnectionString, StorageKeys.KudosTable);
        var (pk, rk) = StorageKeys.Kudos(kudos.Month, kudos.Id);
        var row = (await plain.GetEntityAsync<TableEntity>(pk, rk)).Value;
        Assert.Equal("thanks for covering my pager", row.GetString("Message"));
        Assert.Equal("Teamwork", row.GetString("Category"));
        Assert.Equal(At, row.GetDateTimeOffset("GivenAt"));
        Assert.False(row.GetBoolean("Anonymous"));
        Assert.Contains("29:ben", row.GetString("Recipients"));

        var month = plain.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"));
        var ids = new List<string>();
        await foreach (var e in month) ids.Add(e.RowKey);
        Assert.Contains(kudos.Id, ids);
    }

    [Fact]
    public async Task EveryTypeTheStoreWritesIsTheSdksOwnTypeForAPlainClient()
    {
        await using var store = new AzureTableStore(azurite.ConnectionString);
        var ours = store.GetTableClient(UniqueTable());
        await ours.CreateIfNotExistsAsync();
        await ours.AddEntityAsync(new Ours.TableEntity("p", "r")
        {
            ["S"] = "s", ["I"] = 1, ["L"] = 1L << 40, ["D"] = 3.0, ["B"] = true, ["T"] = At, ["G"] = Id, ["X"] = new byte[] { 9 },
        });

        var row = (await new TableClient(azurite.ConnectionString, ours.Name).GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.IsType<string>(row["S"]);
        Assert.IsType<int>(row["I"]);
        Assert.Equal(1L << 40, Assert.IsType<long>(row["L"]));
        Assert.Equal(3.0, Assert.IsType<double>(row["D"]));
        Assert.IsType<bool>(row["B"]);
        Assert.Equal(At, row.GetDateTimeOffset("T"));
        Assert.Equal(Id, row.GetGuid("G"));
        Assert.Equal(new byte[] { 9 }, row.GetBinary("X"));
    }

    [Fact]
    public async Task ASharedAccessSignatureWorksAsAConnectionStringAndAsAUrl()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var sas = service.GenerateSasUri(TableAccountSasPermissions.All, TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow.AddHours(1));
        var endpoint = sas.GetLeftPart(UriPartial.Path);
        var table = UniqueTable();

        foreach (var connection in new[] { $"TableEndpoint={endpoint};SharedAccessSignature={sas.Query.TrimStart('?')}", sas.ToString() })
        {
            await using var store = new AzureTableStore(connection);
            Assert.DoesNotContain("sig=", store.Location);
            var client = store.GetTableClient(table);
            await client.CreateIfNotExistsAsync();
            await client.UpsertEntityAsync(new Ours.TableEntity("p", "r") { ["N"] = connection.Length });
            Assert.Equal(connection.Length, (await client.GetEntityAsync("p", "r"))!.GetInt32("N"));
            Assert.True((await store.CheckHealthAsync()).IsHealthy);
        }
    }

    private static HttpRequestMessage OldClientPost(Uri sas, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sas.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path + sas.Query))
        {
            Content = new StringContent(json, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-ms-version", "2019-02-02");
        request.Headers.Add("DataServiceVersion", "3.0");
        request.Headers.Add("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.Add("Accept", "application/json;odata=fullmetadata");
        request.Headers.Add("Prefer", "return-no-content");
        return request;
    }
}
