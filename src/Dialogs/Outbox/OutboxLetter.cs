using System.Text.Json.Serialization;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Outbox;

/// <summary>How a message left the outbox: delivered now, queued for another try, or to someone who cannot be reached.</summary>
public enum Delivery { Sent, Later, Unreachable }

/// <summary>A message and where it goes: a person's private chat, or a conversation.</summary>
public sealed record OutboxLetter(UserRef? ToUser, ConversationRef? ToConversation, BotMessage Message);

/// <summary>A send's outcome, with the channel's id for a conversation post (the digest records it).</summary>
public sealed record OutboxResult(Delivery Delivery, string? MessageId = null)
{
    public static readonly OutboxResult Later = new(Delivery.Later);
}

/// <summary>Letters as JSON, every card element and action by a short type name.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboxLetter))]
internal sealed partial class OutboxJson : JsonSerializerContext;
