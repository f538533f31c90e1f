using System.Text;
using WellnessBot.Bot.Slack;

namespace WellnessBot.Tests.Slack;

/// <summary>Slack's documented signing example (shared/protocols/vectors.md V1) and the ways a request must fail.</summary>
public sealed class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
    private static readonly DateTimeOffset Then = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void SlacksOwnExampleVerifies()
    {
        Assert.Equal(Expected, SlackSignature.Compute(Secret, Timestamp, Body));
        Assert.Equal(SlackSignatureResult.Valid, SlackSignature.Verify(Secret, Timestamp, Expected, Body, Then));
        Assert.Equal(SlackSignatureResult.Valid, SlackSignature.Verify(Secret, Timestamp, Expected, Body, Then.AddMinutes(4)));
    }

    [Fact]
    public void ATamperedBodyOrAnotherSecretFails()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^1] ^= 1;
        Assert.Equal(SlackSignatureResult.Mismatch, SlackSignature.Verify(Secret, Timestamp, Expected, tampered, Then));
        Assert.Equal(SlackSignatureResult.Mismatch, SlackSignature.Verify("another-secret", Timestamp, Expected, Body, Then));
        Assert.Equal(SlackSignatureResult.Mismatch, SlackSignature.Verify(Secret, Timestamp, Expected[..^1] + "0", Body, Then));
    }

    [Fact]
    public void OldTimestampsAndReplaysAfterTheWindowFail()
    {
        Assert.Equal(SlackSignatureResult.StaleTimestamp, SlackSignature.Verify(Secret, Timestamp, Expected, Body, Then.AddMinutes(5).AddSeconds(1)));
        Assert.Equal(SlackSignatureResult.StaleTimestamp, SlackSignature.Verify(Secret, Timestamp, Expected, Body, Then.AddMinutes(-6)));
    }

    [Theory]
    [InlineData(null, Expected)]
    [InlineData(Timestamp, null)]
    [InlineData("", Expected)]
    [InlineData("not-a-number", Expected)]
    [InlineData(Timestamp, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void MissingOrMalformedHeadersFail(string? timestamp, string? signature) =>
        Assert.Equal(SlackSignatureResult.MissingHeaders, SlackSignature.Verify(Secret, timestamp, signature, Body, Then));
}
