namespace WellnessBot.Dialogs.Turns;

/// <summary>Where a conversation happens. Private things (support requests) are only ever said in Direct.</summary>
public enum ConversationKind { Direct, Group, Channel }

/// <summary>A person as a channel knows them. <see cref="Key"/> is stable across renames and unique across channels.</summary>
public sealed record UserRef(string Channel, string Id, string Name, string? AadObjectId = null)
{
    /// <summary>Longest display name kept: channels' own limits are far below it; a longer one was not typed by a person.</summary>
    public const int MaxNameLength = 128;

    public string Key => Channel + "|" + Id;

    /// <summary>A display name as a channel sent it, clipped to <see cref="MaxNameLength"/>; <paramref name="fallback"/> when empty.</summary>
    public static string NameFrom(string? name, string fallback) =>
        string.IsNullOrWhiteSpace(name = name is null ? null : Messages.DisplayText.Clean(name)) ? fallback : name.Length <= MaxNameLength ? name : name[..MaxNameLength];
}

/// <summary>A conversation as a channel knows it: a 1:1 chat, a group chat, or a channel (thread).</summary>
public sealed record ConversationRef(string Channel, string Id, ConversationKind Kind, string? TenantId = null)
{
    public string Key => Channel + "|" + Id;
    public bool IsPrivate => Kind == ConversationKind.Direct;
}

/// <summary>What someone sent by filling in a card: the action's id and every input's value by input id.</summary>
public sealed record FormSubmission(string ActionId, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>Someone else's words the edge quotes (the message reacted to): not what the sender said, so never read as theirs.</summary>
    public const string QuotedKey = "quoted";

    public string? Value(string inputId) => Values.TryGetValue(inputId, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    /// <summary>
    /// Made by the edge from the channel's own event (a reaction), never from a card's data: only these may carry a
    /// quote or report a reaction, since anyone can put any action id and values in a card submission.
    /// </summary>
    public bool FromChannelEvent { get; init; }

    /// <summary>What the sender wrote or chose, for the crisis check: every value but a quote of someone else the edge made.</summary>
    public string SendersWords => string.Join(" ", Values.Where(kv => !(FromChannelEvent && kv.Key == QuotedKey)).Select(kv => kv.Value));
}

/// <summary>
/// One normalised turn, the same whichever channel it came from: who, where, and what (text with the bot's own
/// mention removed and colleagues' mentions resolved, or a card submission). Dialogs see nothing else.
/// </summary>
public sealed record Turn
{
    public required UserRef From { get; init; }
    public required ConversationRef Conversation { get; init; }

    /// <summary>The text, trimmed, without the bot's own @mention. Mentioned colleagues appear as their display names.</summary>
    public string Text { get; init; } = "";

    /// <summary>Colleagues mentioned in the text, in order, without the bot.</summary>
    public IReadOnlyList<UserRef> Mentions { get; init; } = [];

    public FormSubmission? Submission { get; init; }

    /// <summary>The channel's id for the incoming message (used for idempotency and replies in thread).</summary>
    public string? ActivityId { get; init; }

    /// <summary>When the edge received it, by the host's clock (the injected <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The bot itself as this channel knows it (so "kudos @WellnessBot" can be answered kindly).</summary>
    public UserRef? Bot { get; init; }

    /// <summary>True for the first message of a new install or a new member: the bot says hello.</summary>
    public bool IsWelcome { get; init; }

    /// <summary>
    /// Something the channel edge found it cannot act on (a mention of nobody in the workspace, @here in a kudos):
    /// said privately instead of routing the turn, after the safety net has read the text.
    /// </summary>
    public string? EdgeProblem { get; init; }
}
