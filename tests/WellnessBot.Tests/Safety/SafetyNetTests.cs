using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Safety;

namespace WellnessBot.Tests.Safety;

/// <summary>
/// The net's reading of a message, one concern at a time. The corpus (<see cref="SafetyCorpusTests"/>) measures
/// it as a whole; these pin down what each part is for, with messages written for the part, not taken from it.
/// </summary>
public sealed class SafetyNetTests
{
    private static readonly SafetyNet Net = SafetyNet.Standard;

    [Theory]
    // Case, curly quotes and missing apostrophes.
    [InlineData("I’M GOING TO KILL MYSELF")]
    [InlineData("i dont want to be alive anymore")]
    [InlineData("i dont want to wake up tomorrow")]
    // Letters held down, and one-letter slips of the key words.
    [InlineData("i want to dieeeee")]
    [InlineData("i feel so sucidal")]
    [InlineData("thinking about suicde again")]
    [InlineData("i keep wanting to kil myself")]
    [InlineData("i slef harm when it gets bad")]
    // Slang and abbreviations, and clinical words said of oneself.
    [InlineData("im going to kms")]
    [InlineData("gonna unalive myself tbh")]
    [InlineData("my SI is back and worse than before")]
    [InlineData("ngl having passive SI again this block")]
    // Words hidden from filters: spaced letters, digits and symbols, look-alike letters, words run together.
    [InlineData("i want to k i l l m y s e l f")]
    [InlineData("feeling su1c1dal tonight")]
    [InlineData("i just want to k*ll myself")]
    [InlineData("ѕuicidal again")]
    [InlineData("#endmylife")]
    [InlineData("i want to d\u200Bie")]
    public void WhatPeopleTypeIsReadAsTheWordsTheyMean(string text) =>
        Assert.Equal(SafetySignal.Crisis, Net.Check(text));

    [Theory]
    [InlineData("the patient in 12 has passive SI, do we need a sitter?")]
    [InlineData("consult psych for the overdose in bay 3")]
    [InlineData("suicide screening is due on every admission")]
    [InlineData("end of life talk with the family at 4")]
    [InlineData("16yo, SI with plan, 1:1 ordered")]
    [InlineData("pt states he wants to die, psych aware")]
    [InlineData("where can i find suicide prevention material for my patients?")]
    [InlineData("kudos @sam for sitting with the suicidal teen in bay 4 all night")]
    public void ClinicalTalkAndTopicsAreNotTheWritersCrisis(string text) =>
        Assert.NotEqual(SafetySignal.Crisis, Net.Check(text));

    [Theory]
    [InlineData("crushing it on nights")]
    [InlineData("I'd die for a nap")]
    [InlineData("this pager will be the end of me")]
    [InlineData("the intern absolutely killed his presentation")]
    [InlineData("my phone died during rounds")]
    [InlineData("dead tired after the 28")]
    public void HospitalIdiomsAreNotACrisis(string text) =>
        Assert.NotEqual(SafetySignal.Crisis, Net.Check(text));

    [Theory]
    [InlineData("hope this shift kills me")]
    [InlineData("if this rotation kills me at least i can rest")]
    [InlineData("honestly wishing this call night kills me")]
    [InlineData("i want this job to kill me tbh")]
    public void AWishInsideAnIdiomIsStillAWish(string text) =>
        Assert.Equal(SafetySignal.Crisis, Net.Check(text));

    [Theory]
    [InlineData("it kills me that i missed her recital again")]
    [InlineData("this commute kills me every morning")]
    public void TheIdiomAloneIsNotACrisis(string text) =>
        Assert.NotEqual(SafetySignal.Crisis, Net.Check(text));

    [Theory]
    [InlineData("i could kill us all tonight")]
    [InlineData("my wife and i have talked about killing ourselves")]
    [InlineData("sometimes i think about driving into a wall and killing us both")]
    [InlineData("we have talked about ending ourselves together")]
    public void WeCountsTheWriterIn(string text) =>
        Assert.Equal(SafetySignal.Crisis, Net.Check(text));

    [Theory]
    [InlineData("honestly been thinking about suicide in the call room with the residents asleep")]
    [InlineData("keep thinking about suicide near the peds unit, idk why there")]
    [InlineData("sitting in my car thinking about suicide outside the kids school")]
    public void APlaceAfterTheWordsIsWhereNotWhose(string text) =>
        Assert.Equal(SafetySignal.Crisis, Net.Check(text));

    // Phrasings of our own for the rules rounds 11 to 16 led to (their messages stay in the corpus only).
    [Theory]
    [InlineData("been suicidal all week tbh and nobody has a clue")]
    [InlineData("im just dead weight on this team")]
    [InlineData("they would be fine with one less resident like me")]
    [InlineData("ok everyone. see ya never")]
    [InlineData("finally named my sister as executor, she doesnt know why")]
    [InlineData("spent last night googling how people did it")]
    [InlineData("i dont deserve to be here")]
    [InlineData("sold my guitar, donated my books. almost done")]
    [InlineData("forgave everyone this week. now i can go")]
    [InlineData("kinda disappointed every time i wake up tbh")]
    [InlineData("having s/i again, worse at night")]
    [InlineData("feel trapped in this life, no exit")]
    [InlineData("i am the anchor pulling everyone down")]
    [InlineData("honestly wish i hadnt woke up today")]
    [InlineData("might just jump off the 6th floor after rounds")]
    [InlineData("ending it seems like the only way out of this")]
    [InlineData("picked friday night. thats when")]
    [InlineData("if i code please dont bother. if they code on me let them stop")]
    [InlineData("up til 3 googling methods again")]
    [InlineData("oblivion sounds so peaceful rn")]
    [InlineData("i still want to hurt myself at 40, isnt that pathetic")]
    [InlineData("some nights i just need to bleed to calm down")]
    [InlineData("the world could use one less screwup like me")]
    [InlineData("my existence is a drain on my whole family")]
    [InlineData("things would be easier for them if i got erased")]
    [InlineData("im past saving at this point")]
    [InlineData("honestly hoping i drop dead on the drive in")]
    [InlineData("i want to hurt myself at work every single day")]
    [InlineData("googled toxic doses of my own meds last night")]
    [InlineData("alarm goes off and its just ugh, still breathing")]
    public void WarningSignsTheBlindRoundsTaughtAreCaught(string text) =>
        Assert.Equal(SafetySignal.Crisis, Net.Check(text));

    [Theory]
    [InlineData("who is covering the ICU ITE review session")]
    [InlineData("bye guys see u tuesday")]
    [InlineData("suicide prevention flyers for the clinic, where are they")]
    [InlineData("half these orders are dead weight, dc them")]
    [InlineData("i dont deserve to be a chief after that meeting lol")]
    [InlineData("how do families get a free firearm lock box")]
    [InlineData("my first death as an intern still sits with me")]
    [InlineData("bye micu, off to wards monday")]
    [InlineData("hang tight, checking the schedule")]
    [InlineData("this humidity is killing my plants")]
    [InlineData("any good articles on physician suicide for our journal club")]
    [InlineData("new interns hit the ground running this year")]
    [InlineData("back to back admits, no time to breathe")]
    [InlineData("bye all, have a great weekend")]
    [InlineData("well cross that bridge in march")]
    [InlineData("dead to the world after that call")]
    [InlineData("cant hang tomorrow, im on call")]
    [InlineData("trying not to hang myself out to dry at grand rounds")]
    [InlineData("bitter pill but we lost the grant")]
    [InlineData("my pun died at sign out lol")]
    [InlineData("the crisis line isnt just for suicide, tell your patients")]
    [InlineData("hurt myself at the gym, calf is wrecked")]
    [InlineData("so tired i could drop dead lol")]
    [InlineData("if i had paged ortho earlier hed still be walking")]
    [InlineData("post call and im dead 💀")]
    [InlineData("that exam question killed me")]
    [InlineData("radiology killed my ct request again")]
    [InlineData("sitting through another dead boring lecture")]
    [InlineData("at the end of my rope with this printer")]
    [InlineData("my legs are dead after that stair climb")]
    public void WhatTheBlindRoundsShowedIsNotACrisis(string text) =>
        Assert.NotEqual(SafetySignal.Crisis, Net.Check(text));

    [Fact]
    public void WhatOtherCodeLeftInTheSharedPoolNeverMarksWordsAsEveryday()
    {
        // An idiom early ("id die for a nap") makes the reader mark words as everyday, in an array from the shared
        // pool; another component may have returned that array full of "true" without clearing it.
        const string text = "id die for a nap lol but honestly i want to kill myself tonight";
        var net = new SafetyNet(new SafetySettings(), model: null);
        var clean = net.FeaturesOf(text);
        for (var size = 16; size <= 64; size *= 2)
        {
            var dirty = System.Buffers.ArrayPool<bool>.Shared.Rent(size);
            Array.Fill(dirty, true);
            System.Buffers.ArrayPool<bool>.Shared.Return(dirty);
        }
        Assert.Equal(clean, net.FeaturesOf(text));
        Assert.Equal(SafetySignal.Crisis, SafetyNet.Standard.Check(text));
    }

    [Fact]
    public void EverydayQuestionsAndKudosAreNotAlarms()
    {
        string[] kudos =
        [
            "kudos @Ben Resident thanks for covering my pager", "Thank you for teaching me ultrasound", "kudos me finished my QI project",
            "shout out to the night team for the smoothest sign-out all year #teamwork", "kudos @Chen Fellow you were amazing on the code today",
            "help", "what can you do", "digest preview october", "support status", "resources childcare",
        ];
        var alarms = kudos.Concat(FinderQuestions.All.Select(q => q.Question)).Where(t => Net.Check(t) == SafetySignal.Crisis).ToList();
        Assert.True(alarms.Count == 0, "Crisis replies for: " + string.Join(" | ", alarms));
    }

    [Theory]
    [InlineData("my patient coded and died and I can't stop shaking")]
    [InlineData("I made a medication error and I keep replaying it")]
    [InlineData("m&m is tomorrow and it's my case, I feel sick")]
    public void SecondVictimDistressGetsTheGentleOfferNotTheCrisisCard(string text) =>
        Assert.Equal(SafetySignal.Distress, Net.Check(text));

    [Theory]
    [InlineData("im not suicidal, just exhausted")]
    [InlineData("not feeling suicidal, just burned out and need a day off")]
    [InlineData("really rough week, no thoughts of hurting myself, just sad and need someone to talk to")]
    [InlineData("not having any thoughts of ending my life, i am just so tired")]
    public void TakingItBackIsAGentleOfferNotAnAlarm(string text) =>
        Assert.Equal(SafetySignal.Distress, Net.Check(text));

    [Theory]
    [InlineData("i cant stop thinking of hurting myself")]
    [InlineData("no one would care if i killed myself")]
    [InlineData("i dont know why but i keep thinking of killing myself")]
    [InlineData("im not sure im safe tonight, i keep looking at the pills")]
    [InlineData("if anyone asked me about suicide id have to say yes")]
    [InlineData("i dont want to live like this anymore")]
    public void OnlyATrueNegationTakesItBack(string text) =>
        Assert.Equal(SafetySignal.Crisis, Net.Check(text));

    [Theory]
    [InlineData("my coresident hasnt eaten in days and she told me she started cutting again")]
    [InlineData("she has barely slept since the code and has been cutting again, how do i help her")]
    [InlineData("always ask patients directly about suicide, asking does not plant the idea")]
    public void SomeoneElsesWarningSignsAreNotTheWritersCrisis(string text) =>
        Assert.NotEqual(SafetySignal.Crisis, Net.Check(text));

    [Fact]
    public void TheWritersOwnWordsCountEvenInsideClinicalTalk()
    {
        Assert.Equal(SafetySignal.Crisis, Net.Check("i screen patients for SI all day and honestly my own SI is back"));
        Assert.Equal(SafetySignal.Crisis, Net.Check("resources for someone who is actively suicidal? asking for me"));
    }

    [Theory]
    [InlineData("done", false)]      // a supporter's command
    [InlineData("goodbye", false)]   // a sign-off to a bot
    [InlineData("finished", false)]
    [InlineData("hopeless", true)]   // a word that speaks of risk by itself still counts, alone
    [InlineData("dead", true)]
    [InlineData("kms", true)]
    public void OneBareWordIsACrisisOnlyWhenTheWordItselfSpeaksOfRisk(string word, bool crisis) =>
        Assert.Equal(crisis, Net.Check(word) == SafetySignal.Crisis);

    [Fact]
    public void ProgramsCanAddTheirOwnCrisisPhrases()
    {
        var net = new SafetySettings { CrisisPhrases = ["purple elephant protocol"] };
        Assert.Equal(SafetySignal.Crisis, new SafetyNet(net).Check("think i need the purple elephant protocol"));
        Assert.Equal(SafetySignal.Crisis, new SafetyNet(net).Check("the purple elephant protocol is posted in the workroom"));
        Assert.Equal(SafetySignal.None, Net.Check("the purple elephant protocol is posted in the workroom"));
    }

    [Fact]
    public void AVeryLongMessageIsReadToItsEnd()
    {
        var filler = string.Concat(Enumerable.Repeat("on call again and the census keeps climbing, ", 2_000));
        Assert.Equal(SafetySignal.Crisis, Net.Check(filler + "and i want to end my life"));
        Assert.Equal(SafetySignal.None, Net.Check(new string('a', 100_000)));
        Assert.Equal(SafetySignal.None, Net.Check(""));
    }

    [Fact]
    public void TheCrisisReplyFollowsSafeMessagingGuidance()
    {
        var card = SafetyReplies.Crisis(SupportDialog.ReachOutNowAction, "draft-1").Card!;
        var lines = card.Body.OfType<TextBlock>().Select(t => t.Text)
            .Concat(card.Body.OfType<FactSet>().SelectMany(f => f.Facts).Select(f => f.Title + ": " + f.Value)).ToList();
        var text = string.Join("\n", lines);
        // Emergency first, then 988 by call or text, the Crisis Text Line, the Physician Support Line.
        Assert.Contains("**911**", lines[0], StringComparison.Ordinal);
        Assert.True(text.IndexOf("988", StringComparison.Ordinal) < text.IndexOf("741741", StringComparison.Ordinal));
        Assert.Contains("Call or text **988**", text, StringComparison.Ordinal);
        Assert.Contains("Text **HOME** to **741741**", text, StringComparison.Ordinal);
        Assert.Contains("1-888-409-0141", text, StringComparison.Ordinal);
        Assert.Contains("automated", text, StringComparison.Ordinal);
        Assert.Contains("nobody watches these messages around the clock", text, StringComparison.Ordinal);
        // No questions, no argument, no methods.
        Assert.DoesNotContain('?', text + card.Title);
        foreach (var word in new[] { "pill", "gun", "overdose", "bridge", "kill", "but " })
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        // One button: an urgent, expedited request.
        var button = Assert.Single(card.Actions);
        Assert.Equal("Ask Helping Healers Heal to reach out to me now", button.Title);
        Assert.Equal(SupportDialog.ReachOutNowAction, Assert.IsType<SubmitAction>(button).ActionId);
    }

    [Fact]
    public void TheFallbackNamesNobodyAndQuotesNothing()
    {
        var text = SafetyReplies.NeutralResources().Text!;
        Assert.Contains("**911**", text, StringComparison.Ordinal);
        Assert.Contains("**988**", text, StringComparison.Ordinal);
        Assert.Contains("741741", text, StringComparison.Ordinal);
        Assert.DoesNotContain("you said", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('?', text);
    }
}
