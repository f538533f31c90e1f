using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>
/// Who is told what when a request is taken, by the kind of request. Someone who asked is told who will reach out.
/// For outreach, the person it is for is told who will reach out, with a one-tap "Thanks, not now", never who
/// referred them unless the referrer chose so; a referrer hears only that someone has it.
/// </summary>
public sealed class SupportNotices(Outbox.Outbox outbox)
{
    /// <summary>A peer supporter accepted.</summary>
    public async Task AcceptedAsync(SupportRequest accepted, UserRef supporter, string department, CancellationToken ct)
    {
        if (accepted.Requester is not { } person) return;
        if (!accepted.IsOutreach)
        {
            await outbox.ToUserAsync(StorageKeys.SupportNotice(accepted.Id, accepted.ETag, "accepted", person), person,
                BotMessage.Say(SupportText.AcceptedToRequester(supporter.Name, department, accepted.Details)), ct).ConfigureAwait(false);
            return;
        }
        await TellPersonAsync(accepted, supporter.Name, coordinator: false, ct).ConfigureAwait(false);
        await TellReferrerAsync(accepted, "taken", OutreachText.ReferralTaken, ct).ConfigureAwait(false);
    }

    /// <summary>Nobody accepted, and <paramref name="coordinator"/> is the first coordinator the alert reached.</summary>
    public async Task WithCoordinatorAsync(SupportRequest owned, UserRef coordinator, CancellationToken ct)
    {
        if (owned.Requester is not { } person) return;
        if (!owned.IsOutreach)
        {
            await outbox.ToUserAsync(StorageKeys.SupportNotice(owned.Id, default, "escalated", person), person,
                BotMessage.Say(SupportText.EscalatedToRequester(coordinator.Name)), ct).ConfigureAwait(false);
            return;
        }
        await TellPersonAsync(owned, coordinator.Name, coordinator: true, ct).ConfigureAwait(false);
        await TellReferrerAsync(owned, "with-coordinator", OutreachText.ReferralWithCoordinator, ct).ConfigureAwait(false);
    }

    /// <summary>Escalated, and no coordinator reached yet: whoever asked is told honestly, once, with 911 / 988.</summary>
    public async Task StillReachingAsync(SupportRequest waiting, CancellationToken ct)
    {
        if (!waiting.IsOutreach && waiting.Requester is { } asker)
            await outbox.ToUserAsync(StorageKeys.SupportNotice(waiting.Id, default, "escalation-pending", asker), asker,
                BotMessage.Say(SupportText.StillReachingCoordinator), ct).ConfigureAwait(false);
        else await TellReferrerAsync(waiting, "escalation-pending", OutreachText.ReferralStillReaching, ct).ConfigureAwait(false);
    }

    // The person outreach is for hears of it once, when someone has it; keyed by request, so a hand-over never repeats it.
    private Task TellPersonAsync(SupportRequest request, string reachingOut, bool coordinator, CancellationToken ct) =>
        outbox.ToUserAsync(StorageKeys.SupportNotice(request.Id, default, "outreach", request.Requester!), request.Requester!,
            BotMessage.Show(OutreachCards.Outreach(request, request.Details?.RequesterName ?? "", reachingOut, coordinator)), ct);

    // Only a colleague's referral is reported back; event outreach is followed in "h3 event".
    private async Task TellReferrerAsync(SupportRequest request, string what, string text, CancellationToken ct)
    {
        if (request.Kind != SupportKind.Referral || request.Referrer is not { } referrer) return;
        await outbox.ToUserAsync(StorageKeys.SupportNotice(request.Id, default, what, referrer), referrer, BotMessage.Say(text), ct).ConfigureAwait(false);
    }
}
