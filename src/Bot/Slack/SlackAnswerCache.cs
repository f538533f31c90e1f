using System.Collections.Concurrent;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// Answers Slack gives the same way for a while, kept so one kudos does not ask for them again and again: a person's
/// name (users.info) and a person's DM channel (conversations.open). Each answer is kept for <paramref name="lifetime"/>;
/// past <paramref name="capacity"/> entries it starts afresh rather than grow. Failures are never kept.
/// </summary>
internal sealed class SlackAnswerCache(TimeSpan lifetime, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, (string Value, long Until)> _answers = new(StringComparer.Ordinal);

    public bool TryGet(string key, out string value)
    {
        if (_answers.TryGetValue(key, out var kept) && kept.Until > Environment.TickCount64)
        {
            value = kept.Value;
            return true;
        }
        value = "";
        return false;
    }

    public void Keep(string key, string value)
    {
        if (_answers.Count >= capacity) _answers.Clear();
        _answers[key] = (value, Environment.TickCount64 + (long)lifetime.TotalMilliseconds);
    }

    public void Forget(string key) => _answers.TryRemove(key, out _);
}
