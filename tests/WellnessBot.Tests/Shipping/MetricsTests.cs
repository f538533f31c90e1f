using System.Net;
using WellnessBot.Tests.Harness;
using WellnessBot.Tests.Teams;

namespace WellnessBot.Tests.Shipping;

/// <summary>/metrics serves the bot's counters for Prometheus: turns by channel and intent, and never message text.</summary>
public sealed class MetricsTests : BotFrameworkHostTests
{
    [Fact]
    public async Task TurnsAreCountedByChannelAndIntentWithoutContent()
    {
        await Host.PostAsync(TeamsActivities.Personal(Host.ServiceUrl, "help", "m-1"), Host.ChannelToken());
        await Host.PostAsync(TeamsActivities.Personal(Host.ServiceUrl, "resources childcare for my twins", "m-2"), Host.ChannelToken());

        string text = "";
        for (var attempt = 0; attempt < 20 && !text.Contains("intent=\"resources\"", StringComparison.Ordinal); attempt++)
        {
            var response = await Host.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (!text.Contains("intent=\"resources\"", StringComparison.Ordinal)) await Task.Delay(250);
        }
        Assert.Contains("wellnessbot_turns_total{", text, StringComparison.Ordinal);
        Assert.Contains("channel=\"msteams\"", text, StringComparison.Ordinal);
        Assert.Contains("intent=\"help\"", text, StringComparison.Ordinal);
        Assert.Contains("intent=\"resources\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("twins", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrisisRepliesAreCountedByHowTheyWereDeliveredWithoutContent()
    {
        await Host.PostAsync(TeamsActivities.Personal(Host.ServiceUrl, "i dont want to wake up tomorrow, my sister can have my car", "m-3"), Host.ChannelToken());

        // At least one: the meter is the process's, so crisis replies in tests running beside this one count too.
        var counted = new System.Text.RegularExpressions.Regex(@"wellnessbot_safety_replies_total\{[^}]*delivery=""private""[^}]*\} [1-9][0-9]*");
        string text = "";
        for (var attempt = 0; attempt < 40 && !counted.IsMatch(text); attempt++)
        {
            text = await (await Host.GetAsync("/metrics")).Content.ReadAsStringAsync();
            if (!counted.IsMatch(text)) await Task.Delay(250);
        }
        Assert.Matches(counted, text);
        Assert.DoesNotContain("sister", text, StringComparison.Ordinal);
    }
}
