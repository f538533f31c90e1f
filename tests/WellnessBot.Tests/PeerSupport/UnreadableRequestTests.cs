using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Support;
using WellnessBot.Storage;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>A request nobody can decrypt (its key left Support:Keys) is skipped and reported; every other timer still fires.</summary>
public sealed class UnreadableRequestTests : PeerSupportChat
{
    [Fact]
    public async Task AnUndecryptableRequestIsReportedOnceAndNeverStopsTheSweep()
    {
        await RosterAsync(Dana, Fay);
        var lost = await RequestAsync(Ana, Form("peer", draft: "lost", note: "rough night after the code"));
        Chat.Clock.Advance(TimeSpan.FromMinutes(1));
        var fine = await RequestAsync(Ben, Form("peer", draft: "fine"));
        await EncryptedWithAKeyThatIsGoneAsync(lost.Id);

        await SweepAfterAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2)); // both offer windows have passed
        await SweepAfterAsync(TimeSpan.FromMinutes(1));

        var later = (await Requests.GetAsync(fine.Id, default))!;
        Assert.NotEqual(fine.Supporter!.Key, later.Supporter?.Key); // the readable request moved on to the next supporter
        var reports = TextsTo(Eli).Where(t => t.Contains(lost.Reference, StringComparison.Ordinal)).ToList();
        Assert.Single(reports); // told once, though two sweeps met it
        Assert.Contains("Support:Keys", reports[0], StringComparison.Ordinal);
        Assert.DoesNotContain("rough night", reports[0], StringComparison.Ordinal);
        Assert.Contains(Chat.Logs.Lines, l => l.Contains(lost.Reference, StringComparison.Ordinal) && l.Contains("cannot be decrypted", StringComparison.Ordinal));
        Assert.DoesNotContain(Chat.Logs.Lines, l => l.Contains("rough night", StringComparison.Ordinal));
    }

    /// <summary>As if the key the details were encrypted with had been removed from the settings.</summary>
    private async Task EncryptedWithAKeyThatIsGoneAsync(string requestId)
    {
        var table = Chat.Services.GetRequiredService<ITableStore>().GetTableClient(StorageKeys.SupportRequestsTable);
        var (pk, rk) = StorageKeys.SupportRequest(requestId);
        var row = (await table.GetEntityAsync(pk, rk))!;
        var stored = row.GetString("Details")!.Split(':', 3);
        row["Details"] = $"v1:retired-key:{stored[2]}";
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
    }
}
