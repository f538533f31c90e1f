using Azure;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Support;

/// <summary>A trained peer supporter on the roster.</summary>
public sealed record PeerSupporter(UserRef Person, string Department, bool Available, DateTimeOffset? LastAssignedAt)
{
    public ETag ETag { get; init; }

    public PeerSupporter InDepartment(string department) => this with { Department = department };
}

/// <summary>The H3 roster coordinators keep ("h3 roster add @name"); supporters set themselves available or away.</summary>
public sealed class PeerRoster(ITableStore store)
{
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.PeerRosterTable);

    /// <summary>Adds (available) or updates the department of a supporter; returns false when they were on it already.</summary>
    public async Task<bool> AddAsync(UserRef person, string department, CancellationToken ct)
    {
        var existing = await GetAsync(person, ct).ConfigureAwait(false);
        var row = ToEntity(existing is null
            ? new PeerSupporter(person, department, Available: true, LastAssignedAt: null)
            : existing with { Department = department.Length > 0 ? department : existing.Department });
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return existing is null;
    }

    public async Task<bool> RemoveAsync(UserRef person, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.PeerSupporter(person);
        return await _table.DeleteEntityAsync(pk, rk, ETag.All, ct).ConfigureAwait(false);
    }

    public async Task<PeerSupporter?> GetAsync(UserRef person, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.PeerSupporter(person);
        return await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false) is { } e ? FromEntity(e) : null;
    }

    public async Task<List<PeerSupporter>> AllAsync(CancellationToken ct)
    {
        var all = new List<PeerSupporter>();
        await foreach (var e in _table.QueryAsync(TableQuery.InPartition(StorageKeys.PeerRosterPartition), ct).ConfigureAwait(false))
            all.Add(FromEntity(e));
        return all.OrderBy(s => s.Person.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Sets a supporter's department (empty for none); returns false when they are not on the roster.</summary>
    public async Task<bool> SetDepartmentAsync(UserRef person, string department, CancellationToken ct)
    {
        if (await GetAsync(person, ct).ConfigureAwait(false) is not { } supporter) return false;
        await _table.UpsertEntityAsync(ToEntity(supporter.InDepartment(department)), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Returns false when the person is not on the roster.</summary>
    public async Task<bool> SetAvailableAsync(UserRef person, bool available, CancellationToken ct)
    {
        if (await GetAsync(person, ct).ConfigureAwait(false) is not { } supporter) return false;
        // Their display name may have changed since they were added; keep the newest.
        await _table.UpsertEntityAsync(ToEntity(supporter with { Person = supporter.Person with { Name = person.Name }, Available = available }),
            TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return true;
    }

    public async Task MarkAssignedAsync(UserRef person, DateTimeOffset at, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.PeerSupporter(person);
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(pk, rk) { ["LastAssignedAt"] = at }, ETag.All, TableUpdateMode.Merge, ct).ConfigureAwait(false);
        }
        catch (EntityNotFoundException)
        {
            // Removed from the roster meanwhile: nothing to record.
        }
    }

    private static TableEntity ToEntity(PeerSupporter s)
    {
        var (pk, rk) = StorageKeys.PeerSupporter(s.Person);
        return new TableEntity(pk, rk)
        {
            ["Channel"] = s.Person.Channel,
            ["Id"] = s.Person.Id,
            ["Name"] = s.Person.Name,
            ["Aad"] = s.Person.AadObjectId,
            ["Department"] = s.Department,
            ["Available"] = s.Available,
            ["LastAssignedAt"] = s.LastAssignedAt,
        };
    }

    private static PeerSupporter FromEntity(TableEntity e) =>
        new(new UserRef(e.GetString("Channel") ?? "", e.GetString("Id") ?? "", e.GetString("Name") ?? "", e.GetString("Aad")),
            e.GetString("Department") ?? "", e.GetBoolean("Available") ?? false, e.GetDateTimeOffset("LastAssignedAt"))
        { ETag = e.ETag };
}
