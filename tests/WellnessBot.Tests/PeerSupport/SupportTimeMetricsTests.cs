using System.Diagnostics.Metrics;
using WellnessBot.Dialogs;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>
/// This month's times from request to acceptance and from acceptance to done, as gauges by quantile. The meter is
/// the process's, so this runs alone: no other test's sweep may publish its own figures in between.
/// </summary>
[Collection(Name)]
public sealed class SupportTimeMetricsTests : PeerSupportChat
{
    public const string Name = "Process-wide support metrics";

    [Fact]
    public async Task TheSweepPublishesTheMonthsMedianAndNinetiethPercentileWithoutNames()
    {
        await RosterAsync(Dana);
        foreach (var (who, minutes) in new[] { (Ana, 10), (Ben, 30) })
        {
            var request = await RequestAsync(who, Form(draft: who.Id));
            Chat.Clock.Advance(TimeSpan.FromMinutes(minutes));
            await AcceptAsync(Dana, request.Id);
            Chat.Clock.Advance(TimeSpan.FromHours(2));
            await Chat.As(Dana).Send("done " + request.Reference);
        }

        await Timers.SweepAsync(default);

        var seen = Observe();
        Assert.Equal(20, seen[("wellnessbot.support.time_to_acceptance", "0.5")]);
        Assert.Equal(28, seen[("wellnessbot.support.time_to_acceptance", "0.9")]);
        Assert.Equal(2, seen[("wellnessbot.support.time_to_done", "0.5")]);
        Assert.Equal(2, seen[("wellnessbot.support.time_to_done", "0.9")]);
    }

    /// <summary>What the bot's gauges report now, by instrument and quantile.</summary>
    private static Dictionary<(string, string), double> Observe()
    {
        var seen = new Dictionary<(string, string), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BotMetrics.MeterName && instrument.Name.StartsWith("wellnessbot.support.time_to_", StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "quantile") seen[(instrument.Name, (string)tag.Value!)] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}

[CollectionDefinition(SupportTimeMetricsTests.Name, DisableParallelization = true)]
public sealed class SupportTimeMetricsCollection;
