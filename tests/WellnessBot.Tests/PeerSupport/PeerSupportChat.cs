using WellnessBot.Dialogs.Features;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>Shared steps of the peer-support tests: a roster, a request sent through the form, the offers people got.</summary>
public abstract class PeerSupportChat : IAsyncLifetime
{
    protected TestChat Chat { get; } = new();
    protected SupportAccess Access => Chat.Services.GetRequiredService<SupportAccess>();
    protected SupportTimers Timers => Chat.Services.GetRequiredService<SupportTimers>();
    protected SupportRequests Requests => Chat.Services.GetRequiredService<SupportRequests>();
    protected PeerRoster Roster => Chat.Services.GetRequiredService<PeerRoster>();

    public virtual Task InitializeAsync() => Chat.InitializeAsync();
    public async Task DisposeAsync() => await Chat.DisposeAsync();

    /// <summary>Eli (a coordinator) adds supporters in the program channel, where Teams lets them be mentioned.</summary>
    protected async Task RosterAsync(params UserRef[] supporters)
    {
        var names = string.Join(" ", supporters.Select(s => "@" + s.Name));
        await Chat.As(Eli).In(WellnessChannel).Send($"h3 roster add {names}", supporters);
        // Supporters have opened the bot once, so the bot knows their names and can message them.
        foreach (var s in supporters) await RememberAsync(s);
    }

    /// <summary>What the channel knows once a person has talked to the bot: their name.</summary>
    protected Task RememberAsync(UserRef person)
    {
        Chat.People.Names[person.Key] = person.Name;
        return Task.CompletedTask;
    }

    protected static (string, string)[] Form(string tier = "peer", string note = "", string contactBy = "chat", string when = "", bool urgent = false,
        string department = "", string draft = "draft-1", string contactInfo = "") =>
    [
        ("draft", draft), (SupportCards.TierInput, tier), (SupportCards.NoteInput, note), (SupportCards.ContactByInput, contactBy),
        (SupportCards.ContactWhenInput, when), (SupportCards.UrgentInput, urgent ? "true" : "false"), (SupportCards.DepartmentInput, department),
        (SupportCards.ContactInfoInput, contactInfo),
    ];

    protected async Task<SupportRequest> RequestAsync(UserRef who, params (string, string)[] form)
    {
        var reply = await Chat.As(who).Submit(SupportDialog.SubmitAction, form.Length == 0 ? Form() : form);
        reply.ExpectCard(SupportCards.ConfirmationKind);
        return Assert.Single(await Access.AllAsync(default), r => r.Requester?.Key == who.Key && r.IsOpen);
    }

    /// <summary>Offer cards sent to <paramref name="supporter"/>, in order.</summary>
    protected List<Card> OffersTo(UserRef supporter) =>
        Chat.Messenger.ToUsers.Where(m => m.To.Key == supporter.Key && m.Message.Card?.Kind == SupportCards.OfferKind).Select(m => m.Message.Card!).ToList();

    /// <summary>The last "h3 show" card sent to <paramref name="person"/>'s own chat (where it can be taken back later).</summary>
    protected Card? DetailsShownTo(UserRef person) =>
        Chat.Messenger.ToUsers.LastOrDefault(m => m.To.Key == person.Key && m.Message.Card?.Kind == SupportCards.DetailsKind).Message?.Card;

    protected List<string> TextsTo(UserRef person) =>
        Chat.Messenger.ToUsers.Where(m => m.To.Key == person.Key && m.Message.Text is not null).Select(m => m.Message.Text!).ToList();

    protected static string RequestIdOn(Card offer) =>
        offer.Actions.OfType<SubmitAction>().First(a => a.ActionId == PeerSupportCommands.AcceptAction).Data["request"];

    protected static string Fact(Card card, string title) =>
        card.Body.OfType<FactSet>().SelectMany(f => f.Facts).Single(f => f.Title == title).Value;

    protected Task<Transcript> AcceptAsync(UserRef supporter, string requestId) =>
        Chat.As(supporter).Submit(PeerSupportCommands.AcceptAction, ("request", requestId));

    protected Task<Transcript> DeclineAsync(UserRef supporter, string requestId) =>
        Chat.As(supporter).Submit(PeerSupportCommands.DeclineAction, ("request", requestId));

    protected async Task SweepAfterAsync(TimeSpan wait)
    {
        Chat.Clock.Advance(wait);
        await Timers.SweepAsync(default);
    }
}
