using System.Text.Json.Nodes;
using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Tests.Cards;

/// <summary>
/// Every form with a toggle says each toggle's words once, in both renderers: the Adaptive Card's Input.Toggle has a
/// title and no label (as Teams' own forms), the Slack modal's input block has the words as its label and "Yes" beside the box.
/// </summary>
public sealed class ToggleLabelTests
{
    private static readonly UserRef Ana = new("msteams", "29:resident-ana", "Ana Resident"), Ben = new("msteams", "29:resident-ben", "Ben Resident");

    public static TheoryData<string> Forms => new() { "kudos-form", "kudos-edit", "support-form", "referral-form" };

    private static Card Build(string name) => name switch
    {
        "kudos-form" => KudosCards.Form("draft-1", DateTimeOffset.UnixEpoch, anonymous: true),
        "kudos-edit" => KudosCards.Edit(new KudosRecord
        {
            Id = "k1", Month = new Month(2026, 11), Giver = Ana, Recipients = [Ben], Message = "Thanks!", GivenAt = DateTimeOffset.UnixEpoch,
        }),
        "support-form" => SupportCards.Form("draft-1"),
        "referral-form" => OutreachCards.ReferralForm("draft-1", Ben),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void EachToggleIsSaidOnceOnTeams(string name)
    {
        var card = Build(name);
        var toggles = card.Body.OfType<ToggleInput>().ToList();
        Assert.NotEmpty(toggles);
        var json = AdaptiveCardRenderer.Render(card).ToJsonString();
        foreach (var toggle in toggles)
        {
            var rendered = Assert.Single(Inputs(AdaptiveCardRenderer.Render(card)), i => i["id"]?.GetValue<string>() == toggle.Id);
            Assert.Equal("Input.Toggle", rendered["type"]!.GetValue<string>());
            Assert.Equal(toggle.Label, rendered["title"]!.GetValue<string>());
            Assert.Null(rendered["label"]);
            Assert.Equal(1, Occurrences(json, Json(toggle.Label)));
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void EachToggleIsSaidOnceInTheSlackModal(string name)
    {
        var card = Build(name);
        var modal = BlockKitRenderer.Modal(card);
        var json = modal.ToJsonString();
        foreach (var toggle in card.Body.OfType<ToggleInput>())
        {
            var block = Assert.Single(modal["blocks"]!.AsArray(), b => b!["block_id"]?.GetValue<string>() == toggle.Id)!;
            Assert.Equal(toggle.Label, block["label"]!["text"]!.GetValue<string>());
            var option = Assert.Single(block["element"]!["options"]!.AsArray())!;
            Assert.Equal(BlockKitRenderer.ToggleYes, option["text"]!["text"]!.GetValue<string>());
            Assert.Equal(1, Occurrences(json, Json(toggle.Label)));
        }
    }

    private static IEnumerable<JsonObject> Inputs(JsonObject card) => card["body"]!.AsArray().OfType<JsonObject>().Where(e => e["id"] is not null);

    /// <summary>The words as they appear inside the serialised JSON (escaped the same way).</summary>
    private static string Json(string text) => JsonValue.Create(text).ToJsonString().Trim('"');

    private static int Occurrences(string haystack, string needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + needle.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
