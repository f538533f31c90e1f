using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Support;
using WellnessBot.Storage;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>
/// Who asked and whether it is urgent are sealed like the details; "my request" is found through a keyed index;
/// rows from before are read and resealed; references never collide.
/// </summary>
public sealed class SealedIdentityTests : PeerSupportChat
{
    [Fact]
    public async Task ARawReadOfTheStoreShowsNeitherWhoAskedNorTheUrgency()
    {
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana, Form(urgent: true));

        var raw = await RawAsync(request.Id);
        foreach (var (name, value) in raw)
        {
            var text = value?.ToString() ?? "";
            Assert.DoesNotContain(Ana.Id, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Ana.Key, text, StringComparison.Ordinal);
            Assert.DoesNotContain("resident-ana", text, StringComparison.Ordinal);
            Assert.DoesNotContain("urgent", name, StringComparison.OrdinalIgnoreCase);
        }
        Assert.StartsWith("v1:test-1:", raw.GetString("Private"), StringComparison.Ordinal);
        Assert.StartsWith("test-1:", raw.GetString("RequesterIndex"), StringComparison.Ordinal);

        // The bot itself still knows: the request is urgent, and Ana finds and withdraws it by herself.
        Assert.True((await Requests.GetAsync(request.Id, default))!.Urgent);
        (await Chat.As(Ana).Send("support status")).ExpectText(request.Reference).ExpectText("urgent");
        (await Chat.As(Ben).Send("support status")).ExpectText("don't have an open support request");
        (await Chat.As(Ana).Send("support cancel")).ExpectText("withdrawn");
    }

    [Fact]
    public void TheIndexIsKeyedAndSurvivesAKeyRotation()
    {
        var oldKey = new SupportSettings { Keys = { ["2025"] = DetailsProtector.NewKey() } };
        var rotated = new SupportSettings { Keys = { ["2025"] = oldKey.Keys["2025"], ["2026"] = DetailsProtector.NewKey() }, CurrentKeyId = "2026" };
        var before = new DetailsProtector(oldKey);
        var after = new DetailsProtector(rotated);

        Assert.Contains(before.IndexOf(Ana.Key), after.IndexesOf(Ana.Key)); // a row indexed before the rotation is still found
        Assert.Equal(after.IndexOf(Ana.Key), after.IndexesOf(Ana.Key)[0]);
        Assert.NotEqual(before.IndexOf(Ana.Key), new DetailsProtector(new SupportSettings { Keys = { ["2025"] = DetailsProtector.NewKey() } }).IndexOf(Ana.Key));
        Assert.NotEqual(before.IndexOf(Ana.Key), before.IndexOf(Ben.Key));
    }

    [Fact]
    public async Task ARequestStoredInPlainBeforeSealingIsReadFoundAndResealedByTheSweep()
    {
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana, Form(urgent: true));
        // The row as the previous version wrote it: who asked and the urgency in plain columns.
        var raw = await RawAsync(request.Id);
        raw.Remove("Private");
        raw.Remove("RequesterIndex");
        raw["RequesterChannel"] = Ana.Channel;
        raw["RequesterId"] = Ana.Id;
        raw["Urgent"] = true;
        await Table.UpdateEntityAsync(raw, raw.ETag, TableUpdateMode.Replace);

        (await Chat.As(Ana).Send("support status")).ExpectText(request.Reference).ExpectText("urgent");
        await Timers.SweepAsync(default);

        var resealed = await RawAsync(request.Id);
        Assert.False(resealed.ContainsKey("RequesterId"));
        Assert.False(resealed.ContainsKey("Urgent"));
        Assert.NotNull(resealed.GetString("Private"));
        (await Chat.As(Ana).Send("support status")).ExpectText(request.Reference).ExpectText("urgent");
    }

    [Fact]
    public async Task AListStillShowsARequestWhoseSealedFactsCannotBeDecrypted()
    {
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana);
        var raw = await RawAsync(request.Id);
        raw["Private"] = "v1:retired-key:" + raw.GetString("Private")!.Split(':', 3)[2];
        await Table.UpdateEntityAsync(raw, raw.ETag, TableUpdateMode.Replace);

        var listed = Assert.Single(await Requests.AllAsync(default));
        Assert.True(listed.Unreadable);
        (await Chat.As(Eli).Send("h3 requests")).ExpectText(request.Reference);
    }

    [Fact]
    public async Task ReferencesAreTenCharactersAndANewRequestNeverTakesOneInUse()
    {
        await RosterAsync(Dana, Fay);
        var first = await RequestAsync(Ana, Form(draft: "a"));
        Assert.Equal(SupportRequest.ReferenceLength, first.Reference.Length);
        // A request already stored under an id that starts with the reference the next form would get.
        var routing = Chat.Services.GetRequiredService<SupportRouting>();
        var wanted = "abcdef0123" + "00000000000000";
        var squatter = SupportRequest.Received("abcdef0123" + "ffffffffffffff", Chen, SupportTier.Local, false, new SupportDetails(), Chat.Clock.GetUtcNow());
        Assert.Equal(SupportRequests.Creation.Created, await Requests.CreateAsync(squatter, default));

        var (made, created) = await routing.SubmitAsync(wanted, Ben, SupportTier.PeerSupporter, false, new SupportDetails { RequesterName = Ben.Name }, default);
        var (again, createdAgain) = await routing.SubmitAsync(wanted, Ben, SupportTier.PeerSupporter, false, new SupportDetails { RequesterName = Ben.Name }, default);

        Assert.True(created);
        Assert.NotEqual(squatter.Reference, made.Reference);
        Assert.Equal(SupportRequest.IdFor(wanted, 1), made.Id);
        Assert.False(createdAgain); // the same form sent twice is the same request, found past the collision too
        Assert.Equal(made.Id, again.Id);
        Assert.Equal(made.Id, (await Requests.FindAsync(made.Reference, default))!.Id);
    }

    [Fact]
    public async Task OutboxRowsAreNamedByAKeyedHashThatAGuessedPersonsIdCannotBeTestedAgainst()
    {
        await Chat.As(Ana).Send("kudos @Ben Resident thanks for the handoff", [Ben]);
        var kudos = Assert.Single(await Chat.Services.GetRequiredService<WellnessBot.Dialogs.Kudos.KudosStore>().MonthAsync(new WellnessBot.Dialogs.Month(2026, 11), default));
        var onceKey = StorageKeys.KudosNote(kudos.Id, Ben);
        var rows = new List<string>();
        await foreach (var row in Chat.Store.GetTableClient(StorageKeys.OutboxTable).QueryAsync(TableQuery.AcrossPartitions(), default)) rows.Add(row.RowKey);

        var plainHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(onceKey)));
        var keyed = Convert.ToHexStringLower(Chat.Services.GetRequiredService<DetailsProtector>().OutboxKey(onceKey));
        Assert.Contains(StorageKeys.OutboxSentRows + keyed, rows); // the note's record, under the keyed name
        Assert.DoesNotContain(rows, r => r.EndsWith(plainHash, StringComparison.Ordinal));
    }

    private ITableClient Table => Chat.Store.GetTableClient(StorageKeys.SupportRequestsTable);

    private async Task<TableEntity> RawAsync(string id)
    {
        var (pk, rk) = StorageKeys.SupportRequest(id);
        return (await Table.GetEntityAsync(pk, rk))!;
    }
}
