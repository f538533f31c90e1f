using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>One change made in the console: who, when, what (never a kudos' or request's words).</summary>
internal sealed record ConsoleChange(DateTimeOffset At, string Who, string WhoKey, string What);

/// <summary>Every change the console makes, kept newest first, a partition a month.</summary>
internal sealed class ConsoleAudit(ITableStore store, TimeProvider clock)
{
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.ConsoleAuditTable);

    public async Task RecordAsync(UserRef who, string what, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var (pk, rk) = StorageKeys.ConsoleChange(at, Guid.NewGuid().ToString("N")[..8]);
        await _table.AddEntityAsync(new TableEntity(pk, rk) { ["Who"] = who.Name, ["WhoKey"] = who.Key, ["What"] = what, ["At"] = at }, ct).ConfigureAwait(false);
    }

    /// <summary>This month's changes, newest first.</summary>
    public async Task<List<ConsoleChange>> ThisMonthAsync(CancellationToken ct)
    {
        var rows = await _table.QueryAllAsync(TableQuery.InPartition(StorageKeys.ConsoleChangesIn(clock.GetUtcNow())), ct).ConfigureAwait(false);
        return [.. rows.Select(r => new ConsoleChange(r.GetDateTimeOffset("At") ?? default, r.GetString("Who") ?? "", r.GetString("WhoKey") ?? "", r.GetString("What") ?? ""))];
    }
}
