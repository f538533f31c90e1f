using WellnessBot.Dialogs;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Bot.Hosting;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Privacy;
using WellnessBot.Dialogs.Support;
using WellnessBot.Testing;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Shipping;

/// <summary>A privacy request for one person: export everything, then erase it, leaving everyone else's data alone.</summary>
public sealed class PrivacyRequestTests : WellnessBot.Tests.PeerSupport.PeerSupportChat
{
    private PersonalData Data => Chat.Services.GetRequiredService<PersonalData>();
    private KudosStore Kudos => Chat.Services.GetRequiredService<KudosStore>();

    [Fact]
    public async Task ExportShowsEverythingThenEraseRemovesItAndOnlyIt()
    {
        await RosterAsync(Dana);
        await Chat.As(Ana).Send("kudos @Ben Resident thanks for the sign-out", [Ben]);
        await Chat.As(Ben).Send("kudos @Ana Resident @Chen Fellow great teaching #anonymous", [Ana, Chen]);
        await Chat.As(Chen).Send("kudos @Ben Resident you rock", [Ben]);
        await Chat.As(Ana).Send("kudos notes off");
        var request = await RequestAsync(Ana, Form(note: "I keep replaying the code", contactInfo: "555-0111"));

        var export = await Data.ExportAsync(Ana, default);
        Assert.Equal("thanks for the sign-out", export["kudosGiven"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("a colleague (anonymous)", export["kudosReceived"]![0]!["from"]!.GetValue<string>());
        Assert.Equal("I keep replaying the code", export["supportRequests"]![0]!["note"]!.GetValue<string>());
        Assert.False(export["kudosNotes"]!.GetValue<bool>());

        var report = await Data.EraseAsync(Ana, default);

        Assert.Equal((1, 1, 1), (report.KudosGiven, report.KudosReceived, report.SupportRequests));
        var after = await Data.ExportAsync(Ana, default);
        Assert.Empty(after["kudosGiven"]!.AsArray());
        Assert.Empty(after["kudosReceived"]!.AsArray());
        Assert.Empty(after["supportRequests"]!.AsArray());
        // Ben's kudos to Ana and Chen stays for Chen; Chen's kudos to Ben is untouched.
        var month = await Kudos.MonthAsync(new Month(2026, 11), default);
        Assert.Equal(2, month.Count);
        Assert.Equal([Chen.Key], month.Single(k => k.Giver.Key == Ben.Key).Recipients.Select(r => r.Key));
        Assert.Single(await Kudos.ReceivedAsync(Chen, new Month(2026, 11), default));
        Assert.Empty(await Kudos.ReceivedAsync(Ana, new Month(2026, 11), default));
        // The support request: withdrawn (Dana told, nothing more), details gone, anonymous counts remain.
        var stored = (await Requests.GetAsync(request.Id, default))!;
        Assert.Equal((SupportStatus.Cancelled, true, null, null), (stored.Status, stored.Purged, stored.Details, stored.Requester));
        Assert.Equal(SupportText.Withdrawn(request.Reference), TextsTo(Dana).Last());
        // How to reach her is forgotten by her channel's edge.
        Assert.Equal([Ana.Key], Chat.People.Forgotten);
    }

    [Fact]
    public async Task TheCommandLineExportsAndOnlyErasesWithConfirmation()
    {
        var folder = Directory.CreateTempSubdirectory("wellnessbot-privacy-").FullName;
        var settings = new[] { TestSupportKey.Argument, $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "p.db")}" };
        try
        {
            var usage = new StringWriter();
            Assert.Equal(2, await PrivacyCommand.RunAsync(["export", "no-channel"], TextWriter.Null, usage));
            Assert.Contains("Usage: privacy export", usage.ToString(), StringComparison.Ordinal);
            var refused = new StringWriter();
            Assert.Equal(2, await PrivacyCommand.RunAsync(["erase", "msteams|29:resident-ana", .. settings], TextWriter.Null, refused));
            Assert.Contains("--confirm", refused.ToString(), StringComparison.Ordinal);

            var output = new StringWriter();
            Assert.Equal(0, await PrivacyCommand.RunAsync(["export", "msteams|29:resident-ana", .. settings], output, TextWriter.Null));
            var json = JsonNode.Parse(output.ToString())!;
            Assert.Equal("29:resident-ana", json["person"]!["id"]!.GetValue<string>());
            Assert.Empty(json["kudosGiven"]!.AsArray());

            var erased = new StringWriter();
            Assert.Equal(0, await PrivacyCommand.RunAsync(["erase", "msteams|29:resident-ana", "--confirm", .. settings], erased, TextWriter.Null));
            Assert.Equal(0, JsonNode.Parse(erased.ToString())!["kudosGiven"]!.GetValue<int>());
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
