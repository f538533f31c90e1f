using System.Text.Json.Nodes;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// The App Home tab, published when someone opens it: give kudos (opens the kudos form), ask privately for support,
/// browse resources, and the kudos they received this month.
/// </summary>
internal sealed class SlackHome(SlackWebApi api, KudosStore kudos, ProgramSettings program, TimeProvider clock)
{
    public const string KudosAction = "home.kudos", SupportAction = "home.support", ResourcesAction = "home.resources";

    /// <summary>The words a Home button stands for, as if typed.</summary>
    public static string? Shortcut(string actionId) => actionId switch
    {
        KudosAction => KudosDialog.Command,
        SupportAction => SupportDialog.Command,
        ResourcesAction => ResourcesDialog.Command,
        _ => null,
    };

    public async Task PublishAsync(string userId, CancellationToken ct)
    {
        var month = program.ThisMonth(clock);
        var received = await kudos.ReceivedAsync(new UserRef(Channels.Slack, userId, ""), month, ct).ConfigureAwait(false);
        await api.PublishHomeAsync(userId, View(month.Title, received), ct).ConfigureAwait(false);
    }

    public JsonObject View(string monthTitle, IReadOnlyList<KudosRecord> received)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = $"WellnessBot for {Truncate(program.Name, 120)}" } },
            Section("Look after each other: thank a colleague for the monthly program breakfast, ask privately for a trained peer supporter, or find a service."),
            new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(
                    Button("Give kudos 🎉", KudosAction, primary: true),
                    Button("Talk to a peer supporter", SupportAction, primary: false),
                    Button("Find resources", ResourcesAction, primary: false)),
            },
            new JsonObject { ["type"] = "divider" },
            Section($"*Kudos you received in {monthTitle}*"),
        };
        if (received.Count == 0) blocks.Add(Section("None yet this month. They'll show up here."));
        foreach (var k in received.Take(40))
            blocks.Add(Section(Truncate($"“{SlackText.Escape(k.Message)}” from {(k.Anonymous ? "a colleague" : SlackText.Escape(k.Giver.Name))}", 2900)));
        if (received.Count > 40) blocks.Add(Section($"… and {received.Count - 40} more."));
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = "I'm not a crisis service. If you are in crisis, call or text *988*. In an emergency, call *911*." }),
        });
        return new JsonObject { ["type"] = "home", ["blocks"] = blocks };
    }

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } };

    private static JsonObject Button(string text, string actionId, bool primary)
    {
        var button = new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text } };
        if (primary) button["style"] = "primary";
        return button;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
