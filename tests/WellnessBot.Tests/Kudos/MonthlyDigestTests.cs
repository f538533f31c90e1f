using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Kudos;

public sealed class MonthlyDigestTests
{
    private static int _ids;

    internal static KudosRecord Kudos(UserRef from, UserRef[] to, string message, int day = 3, bool anonymous = false, KudosCategory category = KudosCategory.None) => new()
    {
        Id = "k" + Interlocked.Increment(ref _ids),
        Month = new Month(2026, 11),
        Giver = from,
        Recipients = to,
        Message = message,
        Anonymous = anonymous,
        Category = category,
        GivenAt = new DateTimeOffset(2026, 11, day, 15, 0, 0, TimeSpan.Zero),
    };

    private static string AllText(IEnumerable<BotMessage> messages) => string.Join("\n", messages.Select(m =>
        m.Text ?? string.Join("\n", m.Card!.Body.OfType<TextBlock>().Select(t => t.Text).Prepend(m.Card.Title ?? ""))));

    [Fact]
    public void KudosAreGroupedByRecipientWithGiversAnonymityAndSelfHighlights()
    {
        var digest = MonthlyDigest.Compile(new Month(2026, 11),
        [
            Kudos(Ana, [Ben], "covered my pager", day: 3, category: KudosCategory.Teamwork),
            Kudos(Chen, [Ben, Ana], "great teaching rounds", day: 5, anonymous: true, category: KudosCategory.Teaching),
            Kudos(Ana, [Ana], "finished my QI project", day: 9),
            Kudos(Eli, [Ben], "stayed late", day: 12, category: KudosCategory.Teamwork),
        ]);

        Assert.Equal(4, digest.KudosCount);
        Assert.Equal(["Ben Resident", "Ana Resident"], digest.Recipients.Select(r => r.Person.Name)); // most recognised first
        Assert.Equal(["Ana Resident", "anonymous", "Eli Coordinator"], digest.Recipients[0].Entries.Select(e => e.From));
        Assert.True(digest.Recipients[1].Entries.Single(e => e.Message == "finished my QI project").SelfHighlight);
        Assert.Equal(2, digest.Categories[KudosCategory.Teamwork]);

        var channel = AllText(digest.ForChannel(late: false));
        Assert.Contains("4 shout-outs for 2 people. Teamwork: 2, Teaching: 1.", channel);
        Assert.Contains("“finished my QI project” — self-highlight ✨", channel);
        Assert.Contains("“great teaching rounds” — anonymous · Teaching", channel);
        Assert.DoesNotContain("Chen", channel);

        var breakfast = AllText(digest.ForBreakfast(late: false));
        Assert.Contains("1. **Ben Resident**: 3 shout-outs", breakfast);
        Assert.Contains("2. **Ana Resident**: 2 shout-outs", breakfast);
    }

    [Fact]
    public void AMonthWithoutKudosGetsAGentleNote()
    {
        var digest = MonthlyDigest.Compile(new Month(2026, 11), []);
        var post = Assert.Single(digest.ForChannel(late: false));
        Assert.Contains("No shout-outs were recorded in November 2026", AllText([post]));
        Assert.Contains("Even the little things count", AllText([post]));
        Assert.Contains("No kudos were given in November 2026", AllText(digest.ForBreakfast(late: false)));
    }

    [Fact]
    public void ALargeMonthIsSplitIntoPartsAndNothingIsCut()
    {
        var people = Enumerable.Range(0, 120).Select(i => new UserRef("msteams", $"29:r{i}", $"Resident {i:D3}")).ToArray();
        var kudos = people.SelectMany((p, i) => Enumerable.Range(0, 4).Select(j =>
            Kudos(Ana, [p], $"message {i}-{j}: " + new string('x', 180)))).ToList();
        // One person with far more than one part's worth, to split within a recipient too.
        kudos.AddRange(Enumerable.Range(0, 40).Select(j => Kudos(Chen, [Ben], $"ben {j}: " + new string('y', 450))));

        var digest = MonthlyDigest.Compile(new Month(2026, 11), kudos);
        var channel = digest.ForChannel(late: false);
        var breakfast = digest.ForBreakfast(late: false);

        Assert.True(channel.Count > 3, $"expected several parts, got {channel.Count}");
        Assert.True(breakfast.Count > 3);
        foreach (var part in channel)
            Assert.True(AllText([part]).Length <= MonthlyDigest.PartBudget + 1_000, "a part is over budget");
        Assert.Equal($"🎉 Shout-outs for November 2026 (part 2 of {channel.Count})", channel[1].Card!.Title);
        var channelText = AllText(channel);
        var breakfastText = AllText(breakfast);
        foreach (var k in kudos)
        {
            Assert.Contains(k.Message, channelText);
            Assert.Contains(k.Message, breakfastText);
        }
        Assert.Contains("Ben Resident (40) (continued)", channelText);
    }

    [Fact]
    public void ALateDigestSaysSo()
    {
        var digest = MonthlyDigest.Compile(new Month(2026, 11), [Kudos(Ana, [Ben], "thanks")]);
        Assert.Contains("Posted late", AllText(digest.ForChannel(late: true)));
        Assert.DoesNotContain("Posted late", AllText(digest.ForChannel(late: false)));
        Assert.Contains("(posted late)", AllText(digest.ForBreakfast(late: true)));
    }

    [Fact]
    public void TheCsvEscapesCommasQuotesAndLineBreaks()
    {
        var csv = MonthlyDigest.Compile(new Month(2026, 11), [Kudos(Ana, [Ben], "thanks, \"really\"\nthanks", category: KudosCategory.ExtraMile)]).ToCsv();
        Assert.Equal("Month,Recipient,Message,From,Category,SelfHighlight,GivenAt\n" +
                     "2026-11,Ben Resident,\"thanks, \"\"really\"\"\nthanks\",Ana Resident,Going the extra mile,no,2026-11-03T15:00Z\n", csv);
    }
}
