using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// Translates a Bot Framework activity into the channel-agnostic <see cref="Turn"/>: the bot's own &lt;at&gt;
/// mention removed, colleagues' mentions resolved from the mention entities (never from the text alone),
/// card submissions (Action.Submit) as form values. Returns null for activities the dialogs have nothing to do with.
/// Pure: the same activity and time give the same turn, so it is tested without a host.
/// </summary>
internal static partial class ActivityMapper
{
    /// <summary>The data key our cards put the action id under (see the Adaptive Card renderer).</summary>
    public const string ActionKey = "action";

    /// <summary>Teams' own part of an Action.Submit's data (how the button was shown), not one of the form's inputs.</summary>
    private const string TeamsOwnDataKey = "msteams";

    public static Turn? ToTurn(Activity activity, DateTimeOffset receivedAt)
    {
        if (activity.From?.Id is null || activity.Conversation?.Id is null) return null;
        var channel = activity.ChannelId ?? Channels.Teams;
        var from = new UserRef(channel, activity.From.Id, UserRef.NameFrom(activity.From.Name, "there"), activity.From.AadObjectId);
        var conversation = new ConversationRef(channel, activity.Conversation.Id, KindOf(activity.Conversation), TenantOf(activity));

        switch (activity.Type)
        {
            case ActivityTypes.Message:
                var submission = SubmissionFrom(activity.Value);
                var (text, mentions, massMention) = submission is null ? ReadText(activity, channel) : ("", (IReadOnlyList<UserRef>)[], false);
                if (submission is null && text.Length == 0) return null;
                return Build(activity, from, conversation, receivedAt) with
                {
                    Text = text, Mentions = mentions, Submission = submission,
                    EdgeProblem = massMention && text.Contains(WellnessBot.Dialogs.Features.KudosDialog.Command, StringComparison.OrdinalIgnoreCase) ? MassMentionProblem : null,
                };

            case ActivityTypes.ConversationUpdate when BotWasAdded(activity):
                return Build(activity, from, conversation, receivedAt) with { IsWelcome = true };

            default:
                return null;
        }
    }

    /// <summary>
    /// An invoke as a turn (a message action, or the form it opened being sent): who, where, and the form's values.
    /// Null when it names nobody or nowhere.
    /// </summary>
    public static Turn? ToInvokeTurn(Activity activity, DateTimeOffset receivedAt, FormSubmission? submission)
    {
        if (activity.Type != ActivityTypes.Invoke || activity.From?.Id is null || activity.Conversation?.Id is null) return null;
        var channel = activity.ChannelId ?? Channels.Teams;
        var from = new UserRef(channel, activity.From.Id, UserRef.NameFrom(activity.From.Name, "there"), activity.From.AadObjectId);
        var conversation = new ConversationRef(channel, activity.Conversation.Id, KindOf(activity.Conversation), TenantOf(activity));
        return Build(activity, from, conversation, receivedAt) with { Submission = submission };
    }

    private static Turn Build(Activity activity, UserRef from, ConversationRef conversation, DateTimeOffset receivedAt) => new()
    {
        From = from,
        Bot = activity.Recipient?.Id is { } botId ? new UserRef(from.Channel, botId, activity.Recipient.Name ?? "WellnessBot") : null,
        Conversation = conversation,
        ActivityId = activity.Id,
        ReceivedAt = receivedAt,
    };

    public static bool BotWasAdded(Activity activity) =>
        activity.MembersAdded?.Any(m => m?.Id is not null && m.Id == activity.Recipient?.Id) == true;

    public static ConversationKind KindOf(ConversationAccount conversation) => conversation.ConversationType switch
    {
        "channel" => ConversationKind.Channel,
        "groupChat" => ConversationKind.Group,
        "personal" => ConversationKind.Direct,
        _ => conversation.IsGroup == true ? ConversationKind.Group : ConversationKind.Direct,
    };

    public static string? TenantOf(Activity activity)
    {
        return activity.ChannelData.Get("tenant").Get("id").Text() is { Length: > 0 } value ? value : activity.Conversation?.TenantId;
    }

    /// <summary>What a kudos naming a channel, a team or a tag gets: people are recognised one by one.</summary>
    public const string MassMentionProblem =
        "I can only recognise people one by one, so a channel, team or tag mention doesn't work here. Please mention each colleague, e.g. @Ben thanks for…";

    /// <summary>
    /// The text with the bot's own leading mention removed and colleagues' mentions as people. A channel, team or tag
    /// mention is never a person: it stays plain text and is reported.
    /// </summary>
    private static (string Text, IReadOnlyList<UserRef> Mentions, bool MassMention) ReadText(Activity activity, string channel)
    {
        var text = activity.Text ?? "";
        var mentions = new List<UserRef>();
        var massMention = false;
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.Get("type").Text() != "mention" || entity.Get("mentioned") is not { } mentioned) continue;
            var id = mentioned.Get("id").Text();
            var name = UserRef.NameFrom(mentioned.Get("name").Text(), "");
            var mentionText = entity.Get("text").Text() is { Length: > 0 } said ? said : $"<at>{name}</at>";
            if (id is null or { Length: > 256 }) continue; // not an id Teams gives anyone

            if (id == activity.Recipient?.Id && text.TrimStart().StartsWith(mentionText, StringComparison.OrdinalIgnoreCase))
            {
                // "@WellnessBot kudos …": the bot's leading mention is addressing, not content.
                text = text.TrimStart()[mentionText.Length..];
                continue;
            }
            if (!IsPerson(id, mentioned) && id != activity.Recipient?.Id)
            {
                massMention = true;
                text = text.Replace(mentionText, "@" + WebUtility.HtmlDecode(name), StringComparison.OrdinalIgnoreCase);
                continue;
            }
            var aad = mentioned.Get("aadObjectId").Text() is { Length: <= 64 } objectId ? objectId : null;
            if (mentions.All(m => m.Id != id))
                mentions.Add(new UserRef(channel, id, WebUtility.HtmlDecode(name), aad));
            text = text.Replace(mentionText, "@" + WebUtility.HtmlDecode(name), StringComparison.OrdinalIgnoreCase);
        }
        // Anything still tagged (clients that send <at> without an entity) is shown as plain text, not trusted as a mention.
        text = AtTag().Replace(text, "@$1");
        return (WebUtility.HtmlDecode(text).Replace('\u00a0', ' ').Trim(), mentions, massMention);
    }

    // A channel or a team is a 19: thread; a tag (or a channel or team) mention says so in mentioned.type. Everyone
    // else is a person: 29: in Teams, other forms in the emulator and the Playground.
    private static bool IsPerson(string id, JsonElement? mentioned) =>
        mentioned.Get("type").Text() is null or "person" && !id.StartsWith("19:", StringComparison.Ordinal);

    /// <summary>An Action.Submit's data: our action id plus every input, as strings.</summary>
    public static FormSubmission? SubmissionFrom(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } data) return null;
        string? actionId = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString() ?? "",
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.Array => string.Join(",", property.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                _ => null,
            };
            if (text is null) continue;
            if (property.Name == ActionKey) actionId = text;
            else if (property.Name != TeamsOwnDataKey) values[property.Name] = text;
        }
        return actionId is null ? null : new FormSubmission(actionId, values);
    }

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();
}
