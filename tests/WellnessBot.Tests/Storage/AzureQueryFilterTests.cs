using WellnessBot.Storage;
using WellnessBot.Storage.AzureTables;

namespace WellnessBot.Tests.Storage;

public sealed class AzureQueryFilterTests
{
    [Fact]
    public void FiltersUseTheSdksTypedLiteralsAndDoubleSingleQuotes()
    {
        var query = TableQuery.InPartition("o'brien").RowKeyStartsWith("2026-11|")
            .Where("Count", FilterOperator.GreaterThan, 5)
            .Where("Big", FilterOperator.LessThanOrEqual, 5L)
            .Where("Anonymous", FilterOperator.Equal, false)
            .Where("At", FilterOperator.LessThan, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))
            .Where("Id", FilterOperator.NotEqual, Guid.Empty);

        var filter = AzureQueryFilter.For(query)!;

        Assert.StartsWith("PartitionKey eq 'o''brien' and RowKey ge '2026-11|' and RowKey lt '2026-11}' and Count gt 5 and Big le 5L and Anonymous eq false and ", filter);
        Assert.Contains("At lt datetime'2026-11-01T00:00:00", filter);
        Assert.EndsWith("Id ne guid'00000000-0000-0000-0000-000000000000'", filter);
    }

    [Fact]
    public void NoConditionsMeansNoFilter() => Assert.Null(AzureQueryFilter.For(TableQuery.AcrossPartitions()));

    [Fact]
    public void AQuoteInAValueCannotEndTheLiteral()
    {
        var filter = AzureQueryFilter.For(TableQuery.InPartition("x' or PartitionKey ne 'y"))!;
        Assert.Equal("PartitionKey eq 'x'' or PartitionKey ne ''y'", filter);
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
}
