namespace WellnessBot.Bot.Hosting;

/// <summary>
/// A verified request waiting for its turn, as data only (what the inbox keeps): the channel, what kind
/// of request it is, its body as received, and when it was received, so a turn run later keeps its time.
/// </summary>
internal sealed record QueuedRequest(string Channel, string Kind, string Body, DateTimeOffset ReceivedAt)
{
    /// <summary>Crisis wording, or the crisis card's button: worked before everything else waiting.</summary>
    public bool Urgent { get; init; }
}

/// <summary>
/// Whether a request goes first: the safety net's reading of its words (the same check the turn makes, microseconds),
/// or the crisis card's one-tap "reach out to me now" button.
/// </summary>
internal sealed class TurnUrgency(WellnessBot.Dialogs.Safety.SafetyNet safety)
{
    public bool IsUrgent(string? text, string? actionId) =>
        actionId is not null && actionId.StartsWith(WellnessBot.Dialogs.Features.SupportDialog.ReachOutNowAction, StringComparison.Ordinal)
        || safety.Check(text) == WellnessBot.Dialogs.Safety.SafetySignal.Crisis;
}

/// <summary>
/// Where both edges hand a verified request once they have answered the channel: Slack wants an answer within
/// 3 seconds and Teams within 15, every time, however slow the connector. An edge only ever calls
/// <see cref="TryEnqueueAsync"/>, and only data goes in.
/// </summary>
internal interface ITurnQueue
{
    /// <summary>
    /// Takes a request once it is safely kept (the inbox row is written), before the edge answers. <paramref name="requestId"/>
    /// is the channel's own id for it (activity id, event id, trigger id): the same id again is a redelivery.
    /// </summary>
    Task<QueueAnswer> TryEnqueueAsync(QueuedRequest request, string requestId, CancellationToken ct);

    /// <summary>Completes when nothing is queued or running (tests and benchmarks wait on it).</summary>
    Task IdleAsync();
}

/// <summary>What the queue said to a request: taken (kept, and it will run), a redelivery of one taken, or no room now.</summary>
internal enum QueueAnswer { Accepted, Duplicate, Busy }

/// <summary>Runs a channel's queued requests: maps each to its turn and hands it to the turn handler.</summary>
internal interface IQueuedRequestRunner
{
    string Channel { get; }

    Task RunAsync(QueuedRequest request, CancellationToken ct);
}

