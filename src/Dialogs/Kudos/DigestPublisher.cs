using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Kudos;

public enum DigestOutcome { Posted, AlreadyPosted, Busy, NowhereToPost, NotDue }

/// <summary>
/// Posts a month's digest to the program channels and the coordinators' breakfast copy, exactly once however
/// many instances run: the month's lease lets one instance post at a time; each part is recorded as "Sending"
/// before it is sent and "Sent" after, so a crash between the two never sends that part again (coordinators are
/// told to check it instead) and a post that failed part-way resumes with the parts still missing. The coordinators'
/// private copies go through the outbox, so a chat that fails for a while gets them later rather than never.
/// </summary>
public sealed partial class DigestPublisher(
    KudosStore kudos,
    DigestLedger ledger,
    ProgramChannels channels,
    IProactiveMessenger messenger,
    Outbox.Outbox outbox,
    ProgramSettings program,
    DigestSettings settings,
    TimeProvider clock,
    ILogger<DigestPublisher> logger)
{
    private readonly string _instance = Environment.MachineName + "/" + Environment.ProcessId + "/" + Guid.NewGuid().ToString("N")[..8];
    private static string? _warnedNowhere; // the scheduled check runs every minute: say it once a month, not every time

    /// <summary>The scheduled check: posts last month's digest once its time has come (late if it is well past).</summary>
    public async Task<DigestOutcome> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var postingMonth = program.ThisMonth(clock);
        var due = settings.DueAt(postingMonth, program.Zone);
        if (due is null || now < due) return DigestOutcome.NotDue;
        var month = postingMonth.Previous;
        if (await ledger.IsPostedAsync(month, ct).ConfigureAwait(false)) return DigestOutcome.AlreadyPosted;
        var late = now > due.Value.AddMinutes(settings.LateAfterMinutes);
        return await PublishAsync(month, late, ct).ConfigureAwait(false);
    }

    public async Task<DigestOutcome> PublishAsync(Month month, bool late, CancellationToken ct)
    {
        var targets = await channels.AllAsync(ct).ConfigureAwait(false);
        var coordinators = program.CoordinatorAddresses();
        if (targets.Count == 0 && coordinators.Count == 0)
        {
            if (Interlocked.Exchange(ref _warnedNowhere, month.ToString()) != month.ToString()) LogNowhere(logger, month);
            return DigestOutcome.NowhereToPost;
        }
        if (await ledger.IsPostedAsync(month, ct).ConfigureAwait(false)) return DigestOutcome.AlreadyPosted;
        if (!await ledger.TryLeaseAsync(month, _instance, ct).ConfigureAwait(false)) return DigestOutcome.Busy;

        var all = await kudos.MonthAsync(month, ct).ConfigureAwait(false);
        var digest = MonthlyDigest.Compile(month, all, channelPost: true);
        var uncertain = new List<string>();

        var channelParts = digest.ForChannel(late);
        foreach (var channel in targets)
        {
            for (var i = 0; i < channelParts.Count; i++)
            {
                var part = channelParts[i];
                // Straight to the channel, not through the outbox: a post whose outcome is unknown is never sent
                // again (twice in the program channel is worse than a part missing, which coordinators are told of).
                var sent = await SendPartAsync(month, StorageKeys.DigestPartRow(channel, i), async () =>
                {
                    var id = await messenger.SendToConversationAsync(channel, part, ct).ConfigureAwait(false);
                    return (id is not null, id);
                }, ct).ConfigureAwait(false);
                if (!sent) uncertain.Add($"part {i + 1} of the channel post");
            }
        }

        var breakfast = MonthlyDigest.Compile(month, all).ForBreakfast(late);
        foreach (var coordinator in coordinators)
        {
            for (var i = 0; i < breakfast.Count; i++)
            {
                var part = breakfast[i];
                var row = StorageKeys.DigestCoordinatorRow(coordinator) + "|" + i;
                await SendPartAsync(month, row, async () =>
                    (await outbox.ToUserAsync(StorageKeys.DigestPartSent(month, row), coordinator, part, ct).ConfigureAwait(false) != Outbox.Delivery.Unreachable, null), ct).ConfigureAwait(false);
            }
        }

        await ledger.MarkPostedAsync(month, late, ct).ConfigureAwait(false);
        LogPosted(logger, month, digest.KudosCount, targets.Count, late);

        if (uncertain.Count > 0)
            foreach (var coordinator in coordinators)
                await outbox.ToUserAsync(StorageKeys.DigestPartSent(month, "heads-up|" + coordinator.Key), coordinator, BotMessage.Say(
                    $"Heads-up: I restarted while posting the {digest.Title} digest, so {string.Join(" and ", uncertain)} may be missing. " +
                    "Please check the program channel; **digest preview** shows the full text."), ct).ConfigureAwait(false);
        BotMetrics.DigestPosted(late);
        return DigestOutcome.Posted;
    }

    /// <summary>Sends one part at most once. Returns false when an earlier attempt's outcome is unknown (skipped, never repeated).</summary>
    private async Task<bool> SendPartAsync(Month month, string row, Func<Task<(bool Delivered, string? Id)>> send, CancellationToken ct)
    {
        switch (await ledger.PartStatusAsync(month, row, ct).ConfigureAwait(false))
        {
            case "Sent": return true;
            case "Sending": return false;
        }
        await ledger.MarkPartSendingAsync(month, row, ct).ConfigureAwait(false);
        var (delivered, id) = await send().ConfigureAwait(false);
        if (!delivered) LogUndelivered(logger, month);
        await ledger.MarkPartSentAsync(month, row, id, ct).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Posted the {Month} digest: {Count} kudos to {Channels} channel(s), late: {Late}")]
    private static partial void LogPosted(ILogger logger, Month month, int count, int channels, bool late);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "The {Month} digest is due but there is no program channel and no coordinator to send it to")]
    private static partial void LogNowhere(ILogger logger, Month month);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "A part of the {Month} digest could not be delivered (recipient unreachable)")]
    private static partial void LogUndelivered(ILogger logger, Month month);
}
