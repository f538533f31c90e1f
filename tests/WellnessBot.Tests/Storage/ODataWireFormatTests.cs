using WellnessBot.Storage;
using WellnessBot.Storage.AzureTables;

namespace WellnessBot.Tests.Storage;

public sealed class ODataWireFormatTests
{
    [Fact]
    public void FiltersUseTypedLiteralsAndDoubleSingleQuotes()
    {
        var query = TableQuery.InPartition("o'brien").RowKeyStartsWith("2026-11|")
            .Where("Count", FilterOperator.GreaterThan, 5)
            .Where("Big", FilterOperator.LessThanOrEqual, 5L)
            .Where("Score", FilterOperator.GreaterThanOrEqual, 2.0)
            .Where("Anonymous", FilterOperator.Equal, false)
            .Where("At", FilterOperator.LessThan, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))
            .Where("Id", FilterOperator.NotEqual, Guid.Empty);

        Assert.Equal(
            "PartitionKey eq 'o''brien' and RowKey ge '2026-11|' and RowKey lt '2026-11}' and Count gt 5 and Big le 5L and " +
            "Score ge 2.0 and Anonymous eq false and At lt datetime'2026-11-01T00:00:00.0000000Z' and " +
            "Id ne guid'00000000-0000-0000-0000-000000000000'",
            ODataFilter.Build(query));
    }

    [Theory]
    [InlineData("abc", "abd")]
    [InlineData("a\uffff", "b")]
    [InlineData("\uffff", null)]
    [InlineData("", null)]
    public void PrefixUpperBoundIsTheNextStringAfterEveryExtension(string prefix, string? expected)
    {
        var query = TableQuery.InPartition("p").RowKeyStartsWith(prefix);
        Assert.Equal(prefix, query.RowKeyFrom);
        Assert.Equal(expected, query.RowKeyBefore);
    }

    [Fact]
    public void EntityPathsEscapeKeys()
    {
        Assert.Equal("(PartitionKey='o%27%27brien%20%C3%BC',RowKey='a%2Bb%25')", AzureTableClient.EntityPath("o'brien ü", "a+b%"));
    }

    [Fact]
    public void ABatchFailureNamesTheFailingOperation()
    {
        const string response =
            "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 409 Conflict\r\nContent-ID: 2\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"2:The specified entity already exists.\"}}}\r\n" +
            "--changesetresponse_2--\r\n--batchresponse_1--\r\n";

        var parts = TableBatchBody.Parse(response);

        var part = Assert.Single(parts);
        Assert.Equal(409, part.Status);
        Assert.Contains("EntityAlreadyExists", part.Body);
        Assert.Equal(2, TableBatchBody.FailedIndex("2:The specified entity already exists.", 4));
        Assert.Equal(0, TableBatchBody.FailedIndex("9:out of range", 4));
        Assert.Equal(0, TableBatchBody.FailedIndex("no index here", 4));
    }

    [Fact]
    public void ABatchRequestIsOneChangesetOfCompleteRequests()
    {
        var (body, contentType) = TableBatchBody.Build(new Uri("http://127.0.0.1:1/devstoreaccount1/Kudos"),
        [
            TableTransactionAction.Add(new TableEntity("p", "a") { ["N"] = 1 }),
            TableTransactionAction.Delete(new TableEntity("p", "b")),
        ], AzureTableClient.EntityPath);
        var text = System.Text.Encoding.UTF8.GetString(body);

        Assert.StartsWith("multipart/mixed; boundary=batch_", contentType);
        Assert.Contains("POST http://127.0.0.1:1/devstoreaccount1/Kudos HTTP/1.1", text);
        Assert.Contains("DELETE http://127.0.0.1:1/devstoreaccount1/Kudos(PartitionKey='p',RowKey='b') HTTP/1.1\r\nAccept:", text);
        Assert.Contains("If-Match: *", text);
        Assert.Contains("{\"PartitionKey\":\"p\",\"RowKey\":\"a\",\"N\":1}", text);
        Assert.Equal(1, text.Split("Content-Type: multipart/mixed; boundary=changeset_").Length - 1);
    }
}
