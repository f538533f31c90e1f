using System.Text.Json.Nodes;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Slack;

/// <summary>The Slack app manifest asks for exactly what the bot uses, and points at the bot's real endpoints.</summary>
public sealed class SlackManifestTests
{
    private static readonly JsonObject Manifest =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "manifest", "slack", "manifest.json")))!.AsObject();

    [Fact]
    public void GiveKudosIsAMessageShortcutAndAGlobalOneWithTheCallbackIdsTheBotServes()
    {
        var shortcuts = Manifest["features"]!["shortcuts"]!.AsArray();
        Assert.Equal([("message", WellnessBot.Bot.Slack.SlackShortcuts.OnAMessage), ("global", WellnessBot.Bot.Slack.SlackShortcuts.Anywhere)],
            shortcuts.Select(s => (s!["type"]!.GetValue<string>(), s["callback_id"]!.GetValue<string>())));
        Assert.All(shortcuts, s =>
        {
            Assert.InRange(s!["name"]!.GetValue<string>().Length, 1, 24);          // Slack's limits for a shortcut
            Assert.InRange(s["description"]!.GetValue<string>().Length, 1, 80);
        });
    }

    [Fact]
    public void SlashCommandsAreTheOnesTheBotHandlesWithEscapingOn()
    {
        var commands = Manifest["features"]!["slash_commands"]!.AsArray();
        Assert.Equal(["/kudos", "/support", "/resources", "/wellness"], commands.Select(c => c!["command"]!.GetValue<string>()));
        Assert.All(commands, c =>
        {
            Assert.True(c!["should_escape"]!.GetValue<bool>()); // mentions arrive as <@U…|name>, which the bot parses
            Assert.EndsWith("/slack/commands", c["url"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.InRange(c["command"]!.GetValue<string>().Length, 2, 32);
        });
    }

    [Fact]
    public void ScopesAreOnlyTheOnesUsed()
    {
        // chat:write (postMessage, postEphemeral, update), im:write (conversations.open), users:read (users.info),
        // commands, app_mentions:read and im:history (the two message events), reactions:read (reactions.get),
        // channels:read (conversations.info: a reaction in a private channel is not quoted). views.* need no scope.
        Assert.Equal(["app_mentions:read", "channels:read", "chat:write", "commands", "im:history", "im:write", "reactions:read", "users:read"],
            Manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EventsAndInteractivityPointAtTheBot()
    {
        var settings = Manifest["settings"]!;
        Assert.EndsWith("/slack/events", settings["event_subscriptions"]!["request_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["app_home_opened", "app_mention", "message.im", "reaction_added", "reaction_removed"], settings["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.True(settings["interactivity"]!["is_enabled"]!.GetValue<bool>());
        Assert.EndsWith("/slack/interactions", settings["interactivity"]!["request_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Manifest["features"]!["app_home"]!["home_tab_enabled"]!.GetValue<bool>());
    }
}
