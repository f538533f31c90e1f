using System.Text.Json.Nodes;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Privacy;

/// <summary>What an erasure removed, for the admin's record (counts only).</summary>
public sealed record ErasureReport(int KudosGiven, int KudosReceived, int SupportRequests, bool RosterEntry, int OtherRows);

/// <summary>
/// A person's data for a privacy request: everything the bot holds about them, exported as JSON, or erased.
/// Kudos they gave are withdrawn; kudos they received lose them as a recipient (and go when nobody is left);
/// their support requests are withdrawn and their details erased at once, as retention would later, keeping only
/// the anonymous counts; their roster entry, preferences, addresses and unfinished dialogs go. The audit trail of
/// who read request details stays: it is the program's accountability record, not the person's data.
/// </summary>
public sealed class PersonalData(ITableStore store, KudosStore kudos, SupportRequests requests, PeerRoster roster, RequesterActions requester, SupportAudit audit,
    SupportRouting routing, CardRedaction redaction, IPeopleDirectory people)
{
    public async Task<JsonObject> ExportAsync(UserRef person, CancellationToken ct)
    {
        var given = await kudos.AllGivenByAsync(person, ct).ConfigureAwait(false);
        var received = await kudos.AllReceivedByAsync(person, ct).ConfigureAwait(false);
        var own = (await requests.AllAsync(ct).ConfigureAwait(false)).Where(r => r.Requester?.Key == person.Key).ToList();
        var supported = (await requests.AllAsync(ct).ConfigureAwait(false)).Where(r => r.Supporter?.Key == person.Key).ToList();
        var referred = (await requests.AllAsync(ct).ConfigureAwait(false)).Where(r => r.Referrer?.Key == person.Key).ToList();
        var supportRequests = new JsonArray();
        foreach (var summary in own)
        {
            var r = await requests.GetAsync(summary.Id, ct).ConfigureAwait(false) ?? summary; // with details, decrypted for the person themselves
            supportRequests.Add(new JsonObject
            {
                ["reference"] = r.Reference, ["kind"] = r.Kind.ToString(), ["status"] = r.Status.ToString(), ["tier"] = r.Tier.ToString(), ["urgent"] = r.Urgent,
                ["askedAt"] = r.CreatedAt, ["acceptedAt"] = r.AcceptedAt, ["closedAt"] = r.ClosedAt,
                // A referrer's sentence is theirs, and could name them: an outreach's note is not the person's to export.
                ["note"] = r.IsOutreach ? null : r.Details?.Note, ["contactBy"] = r.Details?.ContactBy, ["contactInfo"] = r.Details?.ContactInfo,
                ["contactWhen"] = r.Details?.ContactWhen, ["department"] = r.Details?.Department,
            });
        }
        var rosterEntry = await roster.GetAsync(person, ct).ConfigureAwait(false);
        var reads = (await audit.RecentAsync(10_000, null, ct).ConfigureAwait(false)).Where(a => a.WhoKey == person.Key).ToList();
        return new JsonObject
        {
            ["person"] = new JsonObject { ["channel"] = person.Channel, ["id"] = person.Id },
            ["kudosGiven"] = new JsonArray(given.Select(k => (JsonNode)new JsonObject
            {
                ["month"] = k.Month.ToString(), ["givenAt"] = k.GivenAt, ["to"] = new JsonArray(k.Recipients.Select(r => (JsonNode)JsonValue.Create(r.Name)!).ToArray()),
                ["message"] = k.Message, ["category"] = k.Category.ToString(), ["anonymousInDigest"] = k.Anonymous,
            }).ToArray()),
            ["kudosReceived"] = new JsonArray(received.Select(k => (JsonNode)new JsonObject
            {
                ["month"] = k.Month.ToString(), ["givenAt"] = k.GivenAt, ["from"] = k.Anonymous ? "a colleague (anonymous)" : k.Giver.Name,
                ["message"] = k.Message, ["category"] = k.Category.ToString(),
            }).ToArray()),
            ["supportRequests"] = supportRequests,
            // Who they referred is kept out: how that colleague's outreach went is the colleague's.
            ["referralsMade"] = new JsonArray(referred.Select(r => (JsonNode)new JsonObject { ["reference"] = r.Reference, ["kind"] = r.Kind.ToString(), ["at"] = r.CreatedAt }).ToArray()),
            ["supportRequestsHeldAsSupporter"] = new JsonArray(supported.Select(r => (JsonNode)JsonValue.Create(r.Reference)!).ToArray()),
            ["peerSupporter"] = rosterEntry is null ? null : new JsonObject { ["department"] = rosterEntry.Department, ["available"] = rosterEntry.Available },
            ["requestDetailsTheyOpened"] = new JsonArray(reads.Select(a => (JsonNode)new JsonObject { ["at"] = a.At, ["request"] = SupportRequest.ReferenceOf(a.RequestId), ["what"] = a.What }).ToArray()),
            ["kudosNotes"] = (await store.GetTableClient(StorageKeys.SettingsTable).GetEntityAsync(StorageKeys.UserPreferences(person).PartitionKey, StorageKeys.UserPreferences(person).RowKey, ct).ConfigureAwait(false))?.GetBoolean("KudosNotes") ?? true,
        };
    }

    public async Task<ErasureReport> EraseAsync(UserRef person, CancellationToken ct)
    {
        var given = await kudos.AllGivenByAsync(person, ct).ConfigureAwait(false);
        foreach (var k in given) await kudos.WithdrawAsync(k, ct).ConfigureAwait(false);

        var received = await kudos.AllReceivedByAsync(person, ct).ConfigureAwait(false);
        // A reaction kudos' record of the last clap holds whose message it was and its quote: gone with the kudos.
        var ledger = new Kudos.ReactionLedger(store);
        foreach (var k in given.Concat(received)) await ledger.ForgetAsync(k.Id, ct).ConfigureAwait(false);
        foreach (var k in received)
        {
            await kudos.WithdrawAsync(k, ct).ConfigureAwait(false);
            var others = k.Recipients.Where(r => r.Key != person.Key).ToList();
            if (others.Count > 0) await kudos.AddAsync(k with { Recipients = others }, ct).ConfigureAwait(false);
        }

        // Their support requests: withdrawn if open (whoever was asked is told, nothing more), details erased now.
        while (await requester.CancelAsync(person, ct, evenUnannounced: true).ConfigureAwait(false) is not null) { }
        var erasedRequests = 0;
        foreach (var summary in (await requests.AllAsync(ct).ConfigureAwait(false)).Where(r => r.Requester?.Key == person.Key))
        {
            if (await requests.GetAsync(summary.Id, ct).ConfigureAwait(false) is not { } r) continue;
            await redaction.EverywhereAsync(r, Redaction.Erased, ct).ConfigureAwait(false);
            if (await requests.TryUpdateAsync(r, r.Purge(), ct).ConfigureAwait(false) is not null)
                erasedRequests++;
        }
        // Referrals they made keep going for the colleague, without them.
        foreach (var summary in (await requests.AllAsync(ct).ConfigureAwait(false)).Where(r => r.Referrer?.Key == person.Key))
            if (await requests.GetAsync(summary.Id, ct).ConfigureAwait(false) is { } r)
                await requests.TryUpdateAsync(r, r.ForgetReferrer(), ct).ConfigureAwait(false);

        var onRoster = await roster.RemoveAsync(person, ct).ConfigureAwait(false);
        if (onRoster) await routing.ReassignFromAsync(person, ct).ConfigureAwait(false);
        var (prefsPk, prefsRk) = StorageKeys.UserPreferences(person);
        var other = await store.GetTableClient(StorageKeys.SettingsTable).DeleteEntityAsync(prefsPk, prefsRk, Azure.ETag.All, ct).ConfigureAwait(false) ? 1 : 0;
        other += await people.ForgetAsync(person, ct).ConfigureAwait(false);
        var states = store.GetTableClient(StorageKeys.DialogStateTable);
        var mine = StorageKeys.Escape(person.Key);
        await foreach (var row in states.QueryAsync(TableQuery.AcrossPartitions(), ct).ConfigureAwait(false))
            if (row.RowKey == mine && await states.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, ct).ConfigureAwait(false)) other++;
        return new ErasureReport(given.Count, received.Count, erasedRequests, onRoster, other);
    }
}
