using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Support;

/// <summary>One read of (or refused attempt to read) a request's details.</summary>
public sealed record AuditEntry(DateTimeOffset At, string WhoKey, string WhoName, string RequestId, string What);

/// <summary>
/// Who saw which request's details, and when: written for every read (a supporter's offer card, a coordinator's
/// "h3 show", an escalation alert) and every refused attempt. Coordinators list it with "h3 audit".
/// </summary>
public sealed class SupportAudit(ITableStore store, TimeProvider clock)
{
    public const string ShownWithOffer = "details shown with the offer";
    public const string ShownOnRequest = "details viewed";
    public const string ShownWithEscalation = "details shown with the escalation";
    public const string Refused = "refused: not the assigned supporter or a coordinator";

    private readonly ITableClient _table = store.GetTableClient(StorageKeys.SupportAuditTable);

    public async Task RecordAsync(UserRef who, string requestId, string what, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var (pk, rk) = StorageKeys.SupportAudit(at, Guid.NewGuid().ToString("N"));
        await _table.AddEntityAsync(new TableEntity(pk, rk)
        {
            ["At"] = at,
            ["WhoKey"] = who.Key,
            ["WhoName"] = who.Name,
            ["RequestId"] = requestId,
            ["What"] = what,
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The newest entries first, optionally for one request.</summary>
    public async Task<List<AuditEntry>> RecentAsync(int max, string? requestId, CancellationToken ct)
    {
        var query = TableQuery.InPartition(StorageKeys.SupportAuditPartition);
        if (requestId is not null) query = query.Where("RequestId", FilterOperator.Equal, requestId);
        var found = new List<AuditEntry>();
        await foreach (var e in _table.QueryAsync(query, ct).ConfigureAwait(false))
        {
            found.Add(new AuditEntry(e.GetDateTimeOffset("At") ?? default, e.GetString("WhoKey") ?? "", e.GetString("WhoName") ?? "",
                e.GetString("RequestId") ?? "", e.GetString("What") ?? ""));
            if (found.Count == max) break;
        }
        return found;
    }
}
