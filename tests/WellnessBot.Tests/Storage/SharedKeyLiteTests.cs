using WellnessBot.Storage.AzureTables;

namespace WellnessBot.Tests.Storage;

/// <summary>Published Shared Key Lite vectors (shared/protocols/vectors.md V2 and V3) with their known answers.</summary>
public sealed class SharedKeyLiteTests
{
    private const string Key = TableConnectionString.DevelopmentAccountKey;

    [Theory]
    // Zend Framework 1's tests: path-style emulator URLs carry the account twice in the resource.
    [InlineData("Wed, 29 Apr 2009 13:12:47 GMT", "/devstoreaccount1/", "", "iRQpXGzlMRb1A57bkcryX7Bg/3Uf5YOfNCG+XIingJI=")]
    [InlineData("Wed, 29 Apr 2009 13:12:47 GMT", "/devstoreaccount1/test", "", "MsC5SIbFB4M4UZd83CiMaL8ibUhaS5H9CcJBJpsnWqo=")]
    [InlineData("Wed, 29 Apr 2009 13:12:47 GMT", "/devstoreaccount1/", "?test=true", "iRQpXGzlMRb1A57bkcryX7Bg/3Uf5YOfNCG+XIingJI=")]
    public void ZendVectorsSignAsPublished(string date, string path, string query, string expected)
    {
        var policy = new SharedKeyLitePolicy("devstoreaccount1", Key);
        var resource = SharedKeyLitePolicy.CanonicalizedResource("devstoreaccount1", path, query);
        Assert.Equal(expected, policy.Sign(date, resource));
    }

    [Fact]
    public void CompIsKeptAndOtherQueryParametersAreLeftOut()
    {
        // azure-sdk-for-node's SignRequestServiceProperties vector.
        var resource = SharedKeyLitePolicy.CanonicalizedResource("devstoreaccount1", "/", "?restype=service&comp=properties");
        Assert.Equal("/devstoreaccount1/?comp=properties", resource);
        var policy = new SharedKeyLitePolicy("devstoreaccount1", Key);
        Assert.Equal("b89upLBiJ54w3Ju3zBv4GzThZGj/M6C3CdTm1BySj28=", policy.Sign("Mon, 05 Dec 2011 17:55:02 GMT", resource));
    }
}
