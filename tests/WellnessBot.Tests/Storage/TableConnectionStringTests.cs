using WellnessBot.Storage.AzureTables;

namespace WellnessBot.Tests.Storage;

public sealed class TableConnectionStringTests
{
    [Fact]
    public void DevelopmentStorageMeansAzuriteOnItsDefaultPort()
    {
        var cs = TableConnectionString.Parse("UseDevelopmentStorage=true");
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), cs.Endpoint);
        Assert.Equal("devstoreaccount1", cs.AccountName);
        Assert.True(cs.UsesSharedKey);
    }

    [Fact]
    public void AnAccountConnectionStringBuildsTheTableEndpoint()
    {
        var cs = TableConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=wellness;AccountKey=a2V5;EndpointSuffix=core.windows.net");
        Assert.Equal(new Uri("https://wellness.table.core.windows.net"), cs.Endpoint);
        Assert.Equal(("wellness", "a2V5"), (cs.AccountName, cs.AccountKey));
    }

    [Fact]
    public void AnExplicitTableEndpointWins()
    {
        var cs = TableConnectionString.Parse("AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:5555/devstoreaccount1/");
        Assert.Equal(new Uri("http://127.0.0.1:5555/devstoreaccount1"), cs.Endpoint);
    }

    [Fact]
    public void ABareEndpointMeansEntraTokens()
    {
        var cs = TableConnectionString.Parse("https://wellness.table.core.windows.net/");
        Assert.True(cs.UsesTokenCredential);
        Assert.Equal("wellness", cs.AccountName);
        Assert.DoesNotContain("key", cs.Describe().Replace("Microsoft Entra token", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ASasConnectionStringKeepsTheSignature()
    {
        var cs = TableConnectionString.Parse("TableEndpoint=https://w.table.core.windows.net;SharedAccessSignature=?sv=2019-02-02&sig=abc");
        Assert.True(cs.UsesSas);
        Assert.Equal("sv=2019-02-02&sig=abc", cs.SharedAccessSignature);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountKey=a2V5", "neither AccountName nor TableEndpoint")]
    [InlineData("AccountName=x;AccountKey=not base64!", "not valid Base64")]
    [InlineData("AccountName=x;garbage", "without '='")]
    [InlineData("TableEndpoint=relative/path", "not an absolute URL")]
    public void MistakesAreNamed(string value, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TableConnectionString.Parse(value));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void DescribeNeverShowsTheKey()
    {
        var cs = TableConnectionString.Parse($"AccountName=devstoreaccount1;AccountKey={TableConnectionString.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:1/devstoreaccount1");
        Assert.DoesNotContain(TableConnectionString.DevelopmentAccountKey[..10], cs.Describe());
    }
}
