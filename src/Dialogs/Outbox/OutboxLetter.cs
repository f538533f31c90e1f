using System.Text.Json.Serialization;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Outbox;

/// <summary>How a message left the outbox: delivered now, queued for another try, or to someone who cannot be reached.</summary>
public enum Delivery { Sent, Later, Unreachable }

/// <summary>A message and the person whose private chat it goes to.</summary>
public sealed record OutboxLetter(UserRef To, BotMessage Message);

/// <summary>Letters as JSON, every card element and action by a short type name.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboxLetter))]
internal sealed partial class OutboxJson : JsonSerializerContext;
