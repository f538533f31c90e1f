using System.Diagnostics.Metrics;

namespace WellnessBot.Dialogs;

/// <summary>
/// The bot's metrics, on .NET's System.Diagnostics.Metrics (exported by the host through OpenTelemetry at /metrics).
/// Counts and ages only: no names, no message content.
/// </summary>
public static class BotMetrics
{
    public const string MeterName = "WellnessBot";
    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>("wellnessbot.turns", "{turn}", "Turns handled, by channel and intent.");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("wellnessbot.errors", "{error}", "Failures, by kind (store, connector, slack, turn).");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("wellnessbot.channel.retries", "{retry}", "Retried calls to Teams' Bot Connector or Slack's Web API.");
    private static readonly Counter<long> DigestPosts = Meter.CreateCounter<long>("wellnessbot.digest.posts", "{post}", "Monthly digests posted, by whether they were late.");
    private static readonly Counter<long> SafetyReplies = Meter.CreateCounter<long>("wellnessbot.safety.replies", "{reply}", "Crisis replies, by how they were delivered (private, fallback, undelivered).");
    private static readonly Counter<long> SupportEvents = Meter.CreateCounter<long>("wellnessbot.support.events", "{event}", "Support requests created, offered, accepted, escalated, closed.");

    private static readonly Counter<long> OutboxSends = Meter.CreateCounter<long>("wellnessbot.outbox.sends", "{message}",
        "Messages through the outbox, by outcome: sent, unreachable, postponed (the channel failed; tried again later), gaveup, unreadable.");

    private static double _oldestWaitingMinutes;
    private static long _outboxDue;
    private static long _openRequests;
    private static Support.SupportFigures? _thisMonth;

    static BotMetrics()
    {
        Meter.CreateObservableGauge("wellnessbot.support.oldest_waiting_minutes", () => Volatile.Read(ref _oldestWaitingMinutes), "min",
            "Age of the oldest support request no supporter has accepted yet (0 when none), as of the last timer sweep.");
        Meter.CreateObservableGauge("wellnessbot.support.open_requests", () => Interlocked.Read(ref _openRequests), "{request}",
            "Open support requests, as of the last timer sweep.");
        Meter.CreateObservableGauge("wellnessbot.support.time_to_acceptance", () => Quantiles(f => f.ToAcceptance, TimeSpan.FromMinutes(1)), "min",
            "This month's time from a support request to its acceptance by a peer supporter: quantile 0.5 and 0.9, as of the last timer sweep.");
        Meter.CreateObservableGauge("wellnessbot.support.time_to_done", () => Quantiles(f => f.AcceptanceToDone, TimeSpan.FromHours(1)), "h",
            "This month's time from acceptance to the request marked done: quantile 0.5 and 0.9, as of the last timer sweep.");
        Meter.CreateObservableGauge("wellnessbot.outbox.due", () => Interlocked.Read(ref _outboxDue), "{message}",
            "Messages waiting for another try (the channel failed, or the instance sending them died), as of the last outbox sweep.");
    }

    public static void Turn(string channel, string intent) =>
        Turns.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("intent", intent));

    public static void Error(string kind) => Errors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void Retry(string channel) => Retries.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public static void DigestPosted(bool late) => DigestPosts.Add(1, new KeyValuePair<string, object?>("late", late));

    public static void CrisisReply(string delivery) => SafetyReplies.Add(1, new KeyValuePair<string, object?>("delivery", delivery));

    public static void Support(string what) => SupportEvents.Add(1, new KeyValuePair<string, object?>("event", what));

    public static void OutboxSend(string outcome) => OutboxSends.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void OutboxDue(int due) => Interlocked.Exchange(ref _outboxDue, due);

    /// <summary>This month's anonymous support figures, for the time gauges.</summary>
    public static void SupportTimes(Support.SupportFigures thisMonth) => Volatile.Write(ref _thisMonth, thisMonth);

    private static IEnumerable<Measurement<double>> Quantiles(Func<Support.SupportFigures, Support.Spread> which, TimeSpan unit)
    {
        if (Volatile.Read(ref _thisMonth) is not { } figures || which(figures) is not { Median: { } median, P90: { } p90 }) yield break;
        yield return new Measurement<double>(Math.Round(median / unit, 2), new KeyValuePair<string, object?>("quantile", "0.5"));
        yield return new Measurement<double>(Math.Round(p90 / unit, 2), new KeyValuePair<string, object?>("quantile", "0.9"));
    }

    public static void SupportBacklog(int open, TimeSpan oldestWaiting)
    {
        Interlocked.Exchange(ref _openRequests, open);
        Volatile.Write(ref _oldestWaitingMinutes, Math.Round(oldestWaiting.TotalMinutes, 1));
    }
}
