using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Engine;

/// <summary>The turn's context, noting whether anything was said yet: a turn that said nothing may safely run again.</summary>
internal sealed class SpeakingContext(ITurnContext inner) : ITurnContext
{
    public Turn Turn => inner.Turn;

    public bool HasSpoken { get; private set; }

    public Task<string?> ReplyAsync(BotMessage message, CancellationToken ct = default)
    {
        HasSpoken = true;
        return inner.ReplyAsync(message, ct);
    }

    public Task<bool> ReplyPrivatelyAsync(BotMessage message, CancellationToken ct = default)
    {
        HasSpoken = true;
        return inner.ReplyPrivatelyAsync(message, ct);
    }
}
