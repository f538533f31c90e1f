using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>What a supporter's or requester's action came to.</summary>
public enum SupportActionResult { Done, NotFound, NotYours, AlreadyMoved }

/// <summary>What a peer supporter (or a coordinator) does with a request: accept it, decline it, close it.</summary>
public sealed class SupporterActions(
    SupportRequests requests,
    PeerRoster roster,
    SupportRouting routing,
    SupportNotices notices,
    CardRedaction redaction,
    ProgramSettings program,
    SupportSettings settings,
    TimeProvider clock,
    ILogger<SupporterActions> logger)
{
    public async Task<SupportActionResult> AcceptAsync(UserRef supporter, string requestId, CancellationToken ct)
    {
        // Read again on a lost race: the offer's own delivery record (or crisis words marking it urgent) can land
        // between this read and this write, and the supporter's yes must not be lost to it.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var request = await requests.GetAsync(requestId, ct).ConfigureAwait(false);
            if (request is null) return SupportActionResult.NotFound;
            if (request.Supporter?.Key != supporter.Key) return SupportActionResult.NotYours;
            if (request.Status != SupportStatus.Offered) return request.Status == SupportStatus.Accepted ? SupportActionResult.Done : SupportActionResult.AlreadyMoved;

            var accepted = await requests.TryUpdateAsync(request, request.Accept(supporter, clock.GetUtcNow(), settings.ReminderAfter(0)), ct).ConfigureAwait(false);
            if (accepted is null) continue;
            logger.RequestAccepted(accepted.Reference); BotMetrics.Support("accepted");
            var department = (await roster.GetAsync(supporter, ct).ConfigureAwait(false))?.Department ?? "";
            await notices.AcceptedAsync(accepted, supporter, department, ct).ConfigureAwait(false);
            return SupportActionResult.Done;
        }
        return SupportActionResult.AlreadyMoved;
    }

    public async Task<SupportActionResult> DeclineAsync(UserRef supporter, string requestId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var request = await requests.GetAsync(requestId, ct).ConfigureAwait(false);
            if (request is null) return SupportActionResult.NotFound;
            if (request.Supporter?.Key != supporter.Key) return SupportActionResult.NotYours;
            if (request.Status != SupportStatus.Offered) return SupportActionResult.AlreadyMoved;
            var passed = await requests.TryUpdateAsync(request, request.PassOn(clock.GetUtcNow()), ct).ConfigureAwait(false);
            if (passed is null) continue; // lost a race to the delivery record: read again
            logger.RequestDeclined(passed.Reference); BotMetrics.Support("declined");
            await redaction.FromAsync(passed, supporter, Redaction.MovedOn, ct).ConfigureAwait(false);
            await routing.OfferNextAsync(passed, ct).ConfigureAwait(false);
            return SupportActionResult.Done;
        }
        return SupportActionResult.AlreadyMoved;
    }

    /// <summary>The supporter (or a coordinator, for an escalated request) has connected: the request closes.</summary>
    public async Task<SupportActionResult> CloseAsync(UserRef closer, string requestId, CancellationToken ct)
    {
        var request = await requests.GetAsync(requestId, ct).ConfigureAwait(false);
        if (request is null) return SupportActionResult.NotFound;
        var mayClose = request.Status == SupportStatus.Accepted && request.Supporter?.Key == closer.Key
                       || request.Status is SupportStatus.Escalated or SupportStatus.Accepted or SupportStatus.Offered && program.IsCoordinator(closer);
        if (!mayClose) return request.IsOpen ? SupportActionResult.NotYours : SupportActionResult.AlreadyMoved;
        // The check-in is for people who asked; outreach they didn't ask for is not followed up by the bot.
        var followUp = settings.FollowUpEnabled && request.Requester is not null && !request.IsOutreach ? TimeSpan.FromDays(settings.FollowUpAfterDays) : (TimeSpan?)null;
        var closed = await requests.TryUpdateAsync(request, request.Close(clock.GetUtcNow(), followUp, TimeSpan.FromDays(settings.RetentionDays)), ct).ConfigureAwait(false);
        if (closed is null) return SupportActionResult.AlreadyMoved;
        logger.RequestClosed(closed.Reference, "done"); BotMetrics.Support("done");
        return SupportActionResult.Done;
    }
}
