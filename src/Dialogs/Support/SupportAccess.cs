using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Support;

/// <summary>Who may see what: details only for the assigned supporter or a coordinator (every attempt audited); lists without details.</summary>
public sealed class SupportAccess(SupportRequests requests, SupportAudit audit, PeerRoster roster, ProgramSettings program)
{
    /// <summary>Details for someone asking to see them. Every attempt, allowed or not, is audited.</summary>
    public async Task<(SupportRequest? Request, bool Allowed)> ShowAsync(UserRef viewer, string reference, CancellationToken ct)
    {
        var request = await requests.FindAsync(reference, ct).ConfigureAwait(false);
        if (request is null) return (null, false);
        // Never the person it is about (a coordinator can be referred too); a supporter only while on the roster.
        var allowed = request.Requester?.Key != viewer.Key
                      && (program.IsCoordinator(viewer)
                          || request.Supporter?.Key == viewer.Key && request.Status is SupportStatus.Offered or SupportStatus.Accepted
                             && await roster.GetAsync(viewer, ct).ConfigureAwait(false) is not null);
        await audit.RecordAsync(viewer, request.Id, allowed ? SupportAudit.ShownOnRequest : SupportAudit.Refused, ct).ConfigureAwait(false);
        return (request, allowed);
    }

    /// <summary>Requests a supporter holds now (offered or accepted).</summary>
    public async Task<List<SupportRequest>> HeldByAsync(UserRef supporter, CancellationToken ct) =>
        (await requests.AllAsync(ct).ConfigureAwait(false))
        .Where(r => r.Supporter?.Key == supporter.Key && r.Status is SupportStatus.Offered or SupportStatus.Accepted).ToList();

    /// <summary>Remembers where a details card landed, so it is taken back with the others. A few tries against concurrent moves.</summary>
    public async Task RememberShownAsync(string requestId, ShownCard card, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await requests.GetAsync(requestId, ct).ConfigureAwait(false) is not { Purged: false } request) return;
            if (await requests.TryUpdateAsync(request, request.ShownOn([card]), ct).ConfigureAwait(false) is not null) return;
        }
    }

    /// <summary>Every request, without details (lists and figures).</summary>
    public Task<List<SupportRequest>> AllAsync(CancellationToken ct) => requests.AllAsync(ct);

    /// <summary>A request by its reference, for commands that act on it (not for showing it: that is <see cref="ShowAsync"/>).</summary>
    public Task<SupportRequest?> FindAsync(string reference, CancellationToken ct) => requests.FindAsync(reference, ct);
}
