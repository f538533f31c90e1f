using WellnessBot.Dialogs.Features;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Support;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>Two instances sharing one Azure Table Storage (Azurite) sweep an expired offer at once: one new offer.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoutingOnAzuriteTests(AzuriteServer azurite)
{
    [Fact]
    public async Task TwoInstancesRacingToReassignMakeOneAssignment()
    {
        var store = new AzureTableStore(azurite.ConnectionString);
        await using var first = new TestChat(store: store);
        await using var second = new TestChat(store: store);
        await first.InitializeAsync();
        await first.As(Eli).In(WellnessChannel).Send("h3 roster add @Dana Supporter @Fay Supporter", [Dana, Fay]);
        await first.As(Ana).Submit(SupportDialog.SubmitAction, ("draft", "azurite-race-" + Guid.NewGuid().ToString("N")), (SupportCards.TierInput, "peer"));
        var request = Assert.Single(await first.Services.GetRequiredService<SupportAccess>().AllAsync(default), r => r.Requester?.Key == Ana.Key && r.IsOpen);
        var next = request.Supporter!.Key == Dana.Key ? Fay : Dana;
        var later = first.Clock.GetUtcNow() + TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1);
        first.Clock.SetUtcNow(later);
        second.Clock.SetUtcNow(later);

        await Task.WhenAll(
            Task.Run(() => first.Services.GetRequiredService<SupportTimers>().SweepAsync(default)),
            Task.Run(() => second.Services.GetRequiredService<SupportTimers>().SweepAsync(default)));

        var offers = first.Messenger.ToUsers.Concat(second.Messenger.ToUsers)
            .Where(m => m.To.Key == next.Key && m.Message.Card?.Kind == SupportCards.OfferKind).ToList();
        Assert.Single(offers);
        var stored = (await second.Services.GetRequiredService<SupportRequests>().GetAsync(request.Id, default))!;
        Assert.Equal((SupportStatus.Offered, next.Key), (stored.Status, stored.Supporter!.Key));
        Assert.Equal(0, await second.Services.GetRequiredService<SupportTimers>().SweepAsync(default));
    }
}
