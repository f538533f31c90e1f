using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Bot.Hosting;
using WellnessBot.Bot.Teams;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Teams;

/// <summary>
/// Teams is answered before the turn runs, as Slack is: a slow store or a throttled connector never holds the HTTP
/// answer past Teams' 15 seconds. A queue that holds its turns shows the order without timing anything.
/// </summary>
public sealed class TeamsAckFirstTests
{
    /// <summary>Keeps every turn until the test runs it; or refuses them all, as a full queue does.</summary>
    private sealed class HeldTurns(bool full = false) : ITurnQueue
    {
        public List<QueuedRequest> Requests { get; } = [];

        public Task<QueueAnswer> TryEnqueueAsync(QueuedRequest request, string requestId, CancellationToken ct)
        {
            if (full) return Task.FromResult(QueueAnswer.Busy);
            Requests.Add(request);
            return Task.FromResult(QueueAnswer.Accepted);
        }

        public Task IdleAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task TeamsIsAnsweredBeforeTheTurnRunsAndTheReplyFollows()
    {
        var held = new HeldTurns();
        await using var host = new BotFrameworkHost(services => services.AddSingleton<ITurnQueue>(held));

        var response = await host.PostAsync(TeamsActivities.Personal(host.ServiceUrl, "help"), host.ChannelToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.ConnectorCalls()); // answered, nothing said yet: the turn is waiting
        // What waits is data a durable queue can keep: the activity as received, and when.
        var request = Assert.Single(held.Requests);
        Assert.Equal(("msteams", TeamsInbound.ActivityKind), (request.Channel, request.Kind));
        Assert.Contains("\"help\"", request.Body, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - request.ReceivedAt < TimeSpan.FromMinutes(1));

        await host.Services.GetRequiredService<TeamsInbound>().RunAsync(request, CancellationToken.None);
        var reply = Assert.Single(host.ConnectorCalls());
        Assert.StartsWith("/v3/conversations/a:personal-ana/activities", reply.Path);
    }

    [Fact]
    public async Task ACrisisMessageIsQueuedToGoFirst()
    {
        var held = new HeldTurns();
        await using var host = new BotFrameworkHost(services => services.AddSingleton<ITurnQueue>(held));

        await host.PostAsync(TeamsActivities.Personal(host.ServiceUrl, "i cant do this anymore, i want to end my life", id: "2001"), host.ChannelToken());
        await host.PostAsync(TeamsActivities.Personal(host.ServiceUrl, "kudos @Ben thanks for the pizza", id: "2002"), host.ChannelToken());

        Assert.Equal([true, false], held.Requests.Select(r => r.Urgent));
    }

    [Fact]
    public async Task AFullQueueAsksTheConnectorToRetryAndStartsNothing()
    {
        await using var host = new BotFrameworkHost(services => services.AddSingleton<ITurnQueue>(new HeldTurns(full: true)));

        var response = await host.PostAsync(TeamsActivities.Personal(host.ServiceUrl, "help"), host.ChannelToken());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(host.ConnectorCalls());
    }
}
