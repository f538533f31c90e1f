using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Testing;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Kudos;

/// <summary>
/// Patient identifiers never reach a channel, a digest or the breakfast: a kudos holding one comes back privately,
/// with the text kept and the parts marked; nothing is saved. Measured on a corpus written apart from the guard.
/// </summary>
public sealed class PatientDetailsTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();
    private Task<List<KudosRecord>> NovemberAsync() => _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default);

    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    public static TheoryData<string> Rounds => new() { "round 1", "blind" };

    private static (IReadOnlyList<KudosCorpus.Line> With, IReadOnlyList<KudosCorpus.Line> Without) Round(string round) => round == "blind"
        ? (KudosCorpus.BlindWithIdentifiers, KudosCorpus.BlindWithoutIdentifiers) : (KudosCorpus.WithIdentifiers, KudosCorpus.WithoutIdentifiers);

    [Theory]
    [MemberData(nameof(Rounds))]
    public void EveryKudosWithAnIdentifierInTheCorpusIsCaught(string round)
    {
        var (with, _) = Round(round);
        var missed = with.Where(l => PatientDetails.Find(l.Text).Count == 0).Select(l => $"[{l.Category}] {l.Text}").ToList();
        Assert.True(with.Count >= 150, "the corpus needs at least 150 kudos with identifiers");
        Assert.True(missed.Count == 0, "Missed:\n" + string.Join("\n", missed));
    }

    [Theory]
    [MemberData(nameof(Rounds))]
    public void OrdinaryHospitalKudosRarelyTripIt(string round)
    {
        var (_, without) = Round(round);
        var alarms = without.Where(l => PatientDetails.Find(l.Text).Count > 0).Select(l => $"[{l.Category}] {l.Text}").ToList();
        Assert.True(without.Count >= 150, "the corpus needs at least 150 kudos without identifiers");
        Assert.True(alarms.Count <= without.Count * 0.03, $"{alarms.Count} false alarms (at most 3%):\n" + string.Join("\n", alarms));
    }

    [Theory]
    [InlineData("covered 3 admissions and 2 codes")]
    [InlineData("best PGY-2 on 5 West")]
    [InlineData("the 7pm sign-out was flawless")]
    [InlineData("room 4 was chaos tonight and you kept us calm")]
    [InlineData("Dr. Chen taught the best noon conference")]
    public void WhatTheProgramSaysMustNotFireDoesNot(string text) => Assert.Empty(PatientDetails.Find(text));

    [Fact]
    public async Task AKudosWithPatientDetailsComesBackPrivatelyWithTheTextKeptAndNothingSaved()
    {
        const string text = "thanks for sitting with mrs okafor in bed 14 all night";
        var reply = await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident " + text, [Ben]);

        reply.ExpectNothingPublic();
        var form = reply.ExpectCard(KudosCards.FormKind);
        var input = form.Body.OfType<TextInput>().Single(i => i.Id == KudosCards.MessageInput);
        Assert.Equal(text, input.Value);
        Assert.Contains("**mrs okafor**", input.Problem, StringComparison.Ordinal);
        Assert.Contains("**bed 14**", input.Problem, StringComparison.Ordinal);
        Assert.Contains(form.Body.OfType<TextBlock>(), t => t.Text.Contains("Ben Resident", StringComparison.Ordinal)); // still for Ben
        Assert.Empty(await NovemberAsync());
        Assert.Empty(_chat.Messenger.ToUsers); // Ben is told nothing yet

        var submit = form.Actions.OfType<SubmitAction>().Single();
        await _chat.As(Ana).Submit(submit.ActionId, [.. submit.Data.Select(d => (d.Key, d.Value)), (KudosCards.MessageInput, "thanks for sitting with a scared family all night")]);
        var saved = Assert.Single(await NovemberAsync());
        Assert.Equal((Ben.Key, "thanks for sitting with a scared family all night"), (saved.Recipients.Single().Key, saved.Message));
    }

    [Fact]
    public async Task AnEditCannotSlipPatientDetailsIn()
    {
        var confirmation = (await _chat.As(Ana).Send("kudos @Ben Resident thanks for the handoff", [Ben])).ExpectCard(KudosCards.ConfirmationKind);
        var data = confirmation.Actions.OfType<SubmitAction>().Single(a => a.ActionId == KudosDialog.EditAction).Data.Select(d => (d.Key, d.Value)).ToArray();

        var again = await _chat.As(Ana).Submit(KudosDialog.SaveAction, [.. data, (KudosCards.MessageInput, "thanks for the handoff on MRN 40211873")]);

        Assert.Contains("**MRN 40211873**", again.ExpectCard(KudosCards.EditKind).Body.OfType<TextInput>().Single().Problem, StringComparison.Ordinal);
        Assert.Equal("thanks for the handoff", Assert.Single(await NovemberAsync()).Message);
    }
}
