using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using WellnessBot.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Support;
using WellnessBot.Storage;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>Who may see what, encryption at rest, the audit trail, retention, and the anonymous figures.</summary>
public sealed class PrivacyTests : PeerSupportChat
{
    private const string Note = "I gave the wrong dose in bed 12 and I can't stop shaking";

    [Fact]
    public async Task TheStoreHoldsOnlyCiphertextOfTheDetails()
    {
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana, Form(note: Note, contactInfo: "555-0199", when: "after 7pm", department: "Pediatrics"));

        var (pk, rk) = StorageKeys.SupportRequest(request.Id);
        var raw = (await Chat.Store.GetTableClient(StorageKeys.SupportRequestsTable).GetEntityAsync(pk, rk))!;
        var stored = raw.GetString("Details")!;
        Assert.StartsWith("v1:test-1:", stored, StringComparison.Ordinal);
        foreach (var (name, value) in raw)
        {
            var text = value?.ToString() ?? "";
            Assert.DoesNotContain("wrong dose", text, StringComparison.Ordinal);
            Assert.DoesNotContain("555-0199", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Ana Resident", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Pediatrics", text, StringComparison.Ordinal);
            Assert.True(name != "RequesterName", "the requester's name is a detail");
        }
        // And the database file itself, read raw, never saw the plaintext.
        var bytes = await ReadDatabaseAsync();
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("wrong dose")));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("after 7pm")));
    }

    private async Task<byte[]> ReadDatabaseAsync()
    {
        var path = ((WellnessBot.Storage.Sqlite.SqliteTableStore)Chat.Store).Location;
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(FULL);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task DetailsAreBoundToTheirRequestAndTamperingIsDetected()
    {
        var protector = new DetailsProtector(Chat.Support);
        var sealedNote = protector.Protect(Note, "request-a");

        Assert.Equal(Note, protector.Unprotect(sealedNote, "request-a"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedNote, "request-b"));
        var bytes = Convert.FromBase64String(sealedNote.Split(':')[2]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("v1:test-1:" + Convert.ToBase64String(bytes), "request-a"));
        Assert.NotEqual(sealedNote, protector.Protect(Note, "request-a")); // a fresh nonce every time
    }

    [Fact]
    public async Task KeysRotateOldDetailsStayReadableAndARemovedKeyIsNamed()
    {
        var old = new DetailsProtector(Chat.Support);
        var sealedNote = old.Protect(Note, "r1");
        var rotated = new DetailsProtector(new SupportSettings { Keys = { ["test-1"] = TestKey, ["test-2"] = DetailsProtector.NewKey() }, CurrentKeyId = "test-2" });

        Assert.Equal(Note, rotated.Unprotect(sealedNote, "r1"));
        Assert.StartsWith("v1:test-2:", rotated.Protect(Note, "r2"), StringComparison.Ordinal);
        var without = new DetailsProtector(new SupportSettings { Keys = { ["test-2"] = DetailsProtector.NewKey() } });
        var error = Assert.ThrowsAny<CryptographicException>(() => without.Unprotect(sealedNote, "r1"));
        Assert.Contains("'test-1'", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(0, "Support:Keys")]
    [InlineData(1, "32 bytes")]
    public void BadKeySettingsAreExplained(int which, string expected)
    {
        var settings = which == 0 ? new SupportSettings { Keys = { ["a"] = TestKey, ["b"] = TestKey } } : new SupportSettings { Keys = { ["a"] = "c2hvcnQ=" } };
        Assert.Contains(settings.Validate(), p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(Chat.Support.Validate());
    }

    [Fact]
    public async Task TheAssignedSupporterAndCoordinatorsSeeDetailsOthersAreRefusedAndEveryAttemptIsAudited()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana, Form(note: Note));
        var assigned = request.Supporter!;
        var other = assigned.Key == Dana.Key ? Fay : Dana;

        Chat.Clock.Advance(TimeSpan.FromMinutes(1));
        await Chat.As(assigned).Send("h3 show " + request.Reference);
        Assert.Contains(DetailsShownTo(assigned)!.Body.OfType<WellnessBot.Dialogs.Messages.TextBlock>(), t => t.Text.Contains("wrong dose", StringComparison.Ordinal));

        foreach (var outsider in new[] { other, Ben })
        {
            Chat.Clock.Advance(TimeSpan.FromMinutes(1));
            var refused = await Chat.As(outsider).Send("h3 show " + request.Reference);
            refused.ExpectText("only the peer supporter assigned");
            Assert.DoesNotContain("wrong dose", refused.Describe(), StringComparison.Ordinal);
            Assert.Null(refused.CardOf(SupportCards.DetailsKind));
            Assert.Null(DetailsShownTo(outsider));
        }

        Chat.Clock.Advance(TimeSpan.FromMinutes(1));
        await Chat.As(Eli).Send("h3 show " + request.Reference);
        Assert.NotNull(DetailsShownTo(Eli));

        var log = await Chat.Services.GetRequiredService<SupportAudit>().RecentAsync(50, request.Id, default);
        Assert.Equal(
            [(Eli.Key, SupportAudit.ShownOnRequest), (Ben.Key, SupportAudit.Refused), (other.Key, SupportAudit.Refused),
             (assigned.Key, SupportAudit.ShownOnRequest), (assigned.Key, SupportAudit.ShownWithOffer)],
            log.Select(e => (e.WhoKey, e.What)));

        var listed = await Chat.As(Eli).Send("h3 audit " + request.Reference);
        listed.ExpectText("Ben Resident — " + SupportAudit.Refused);
        (await Chat.As(Ben).Send("h3 audit")).ExpectText("for wellness program coordinators");
    }

    [Fact]
    public async Task ListsNeverShowNamesOrNotesAndSupportersSeeOnlyTheirOwn()
    {
        await RosterAsync(Dana, Fay);
        var a = await RequestAsync(Ana, Form(note: Note, draft: "a"));
        await RequestAsync(Ben, Form(note: "other note", draft: "b"));

        var supporters = await Chat.As(a.Supporter!).Send("h3 requests");
        supporters.ExpectText(a.Reference);
        Assert.DoesNotContain("Ana", supporters.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong dose", supporters.Describe(), StringComparison.Ordinal);
        Assert.Single(supporters.Describe().Split('\n'), l => l.StartsWith("- ", StringComparison.Ordinal));

        var all = await Chat.As(Eli).Send("h3 requests");
        Assert.Equal(2, all.Describe().Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
        Assert.DoesNotContain("wrong dose", all.Describe(), StringComparison.Ordinal);
        (await Chat.As(Ben).Send("h3 requests")).ExpectText("You don't hold any support requests");
    }

    [Fact]
    public async Task DetailsAreErasedAfterRetentionAndOnlyAnonymousCountsRemain()
    {
        Chat.Support.RetentionDays = 30;
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana, Form(note: Note));
        Chat.Clock.Advance(TimeSpan.FromMinutes(20));
        await AcceptAsync(Dana, request.Id);
        await Chat.As(Dana).Send("done");

        await SweepAfterAsync(TimeSpan.FromDays(29));
        Assert.NotNull((await Requests.GetAsync(request.Id, default))!.Details);

        await SweepAfterAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var purged = (await Requests.GetAsync(request.Id, default))!;
        Assert.True(purged.Purged);
        Assert.Null(purged.Details);
        Assert.Null(purged.Requester);
        Assert.Null(purged.Supporter);
        var (pk, rk) = StorageKeys.SupportRequest(request.Id);
        var raw = (await Chat.Store.GetTableClient(StorageKeys.SupportRequestsTable).GetEntityAsync(pk, rk))!;
        Assert.Null(raw.GetString("Details"));
        Assert.Null(raw.GetString("RequesterId"));

        await Chat.As(Eli).Send("h3 show " + request.Reference);
        Assert.Contains(DetailsShownTo(Eli)!.Body.OfType<WellnessBot.Dialogs.Messages.TextBlock>(), t => t.Text.Contains("erased", StringComparison.Ordinal));
        var figures = await Chat.As(Eli).Send("h3 stats 2026-11");
        figures.ExpectText("Requests: 1").ExpectText("time from request to acceptance: median 20 min, 90% within 20 min");
    }

    [Fact]
    public async Task CoordinatorsGetAnonymousMonthlyFigures()
    {
        await RememberAsync(Eli);
        await RosterAsync(Dana, Fay);
        var a = await RequestAsync(Ana, Form("peer", draft: "a"));
        Chat.Clock.Advance(TimeSpan.FromMinutes(10));
        await AcceptAsync(a.Supporter!, a.Id);
        var b = await RequestAsync(Ben, Form("local", draft: "b", urgent: true));
        Chat.Clock.Advance(TimeSpan.FromMinutes(30));
        await AcceptAsync(b.Supporter!, b.Id);
        var c = await RequestAsync(Chen, Form("expedited", draft: "c"));
        await DeclineAsync(c.Supporter!, c.Id);
        await DeclineAsync((await Requests.GetAsync(c.Id, default))!.Supporter!, c.Id);

        var reply = await Chat.As(Eli).Send("h3 stats");

        var text = reply.Describe();
        Assert.Contains("Requests: 3 (1 urgent)", text, StringComparison.Ordinal);
        Assert.Contains("local 1, peer supporter 1, expedited referral 1, not sure 0", text, StringComparison.Ordinal);
        Assert.Contains("time from request to acceptance: median 20 min, 90% within 28 min", text, StringComparison.Ordinal); // 10 and 30 min
        Assert.Contains("time from acceptance to done: —", text, StringComparison.Ordinal);
        Assert.Contains("Escalated to a coordinator: 1", text, StringComparison.Ordinal);
        foreach (var name in new[] { "Ana", "Ben", "Chen", "Dana", "Fay" }) Assert.DoesNotContain(name, text, StringComparison.Ordinal);
        (await Chat.As(Dana).Send("h3 stats")).ExpectText("for wellness program coordinators");
    }

    [Fact]
    public async Task FiguresReadAMonthTheWayTheDigestDoes()
    {
        await RememberAsync(Eli);
        await RosterAsync(Dana);
        await RequestAsync(Ana, Form("peer", draft: "a"));

        // The clock is in November 2026: every way of naming it counts the same request.
        foreach (var month in new[] { "november", "Nov 2026", "2026-11", "this month" })
            (await Chat.As(Eli).Send("h3 stats " + month)).ExpectText("Requests: 1");
        (await Chat.As(Eli).Send("h3 stats october")).ExpectText("Requests: 0");
        (await Chat.As(Eli).Send("h3 stats someday")).ExpectText("couldn't read");
    }

    [Fact]
    public async Task RosterCommandsAreForCoordinatorsAndAvailabilityForSupporters()
    {
        (await Chat.As(Ben).In(WellnessChannel).Send("h3 roster add @Dana Supporter", [Dana])).ExpectNothingPublic().ExpectText("for wellness program coordinators");
        Assert.Empty(await Roster.AllAsync(default));
        (await Chat.As(Dana).Send("available")).ExpectText("Only H3 peer supporters on the roster");

        await RosterAsync(Dana, Fay);
        (await Chat.As(Eli).Send("h3 roster list")).ExpectText("Dana Supporter: available, 0 open").ExpectText("Fay Supporter: available");
        (await Chat.As(Eli).In(WellnessChannel).Send("h3 roster remove @Fay Supporter", [Fay])).ExpectText("Fay Supporter (removed)");
        Assert.Equal([Dana.Key], (await Roster.AllAsync(default)).Select(s => s.Person.Key));
        (await Chat.As(Eli).Send("h3 roster add")).ExpectText("Please mention the people to add");
    }
}
