using System.Collections.Concurrent;
using WellnessBot.Bot.Hosting;

namespace WellnessBot.Tests.Security;

/// <summary>Every request the edge accepted for later: empty means nothing was stored (the inbox) and no turn ran.</summary>
internal sealed class RecordingQueue : ITurnQueue
{
    public ConcurrentQueue<QueuedRequest> Requests { get; } = new();

    public Task<QueueAnswer> TryEnqueueAsync(QueuedRequest request, string requestId, CancellationToken ct)
    {
        Requests.Enqueue(request);
        return Task.FromResult(QueueAnswer.Accepted);
    }

    public Task IdleAsync() => Task.CompletedTask;
}
