using System.Collections.Concurrent;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// Values the console reads from the store and keeps, so that a page over a 50,000-kudos month stays within its budget
/// while a coordinator works through it. A value younger than "fresh" is served as it is. One older, but younger than
/// "usable", or marked stale by a change elsewhere, is served while a new read runs behind it. Older ones, and values
/// dropped because this console changed them, are read while the request waits.
/// </summary>
internal sealed class RefreshingCache<TKey, TValue>(Func<TKey, Task<TValue>> read, TimeProvider clock) where TKey : notnull
{
    private sealed class Entry(Task<TValue> value, DateTimeOffset readAt)
    {
        public Task<TValue> Value { get; } = value;
        public DateTimeOffset ReadAt { get; } = readAt;
        public volatile bool Stale;
        public int Refreshing;
    }

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public IEnumerable<TKey> Keys => _entries.Keys;

    public async Task<TValue> GetAsync(TKey key, TimeSpan fresh, TimeSpan usable)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var kept))
        {
            if (!kept.Value.IsCompleted) return await kept.Value.ConfigureAwait(false); // someone is reading it already
            var age = now - kept.ReadAt;
            if (kept.Value.IsCompletedSuccessfully && age < usable)
            {
                if (kept.Stale || age >= fresh) RefreshBehind(key, kept);
                return kept.Value.Result;
            }
        }
        var entry = new Entry(read(key), now);
        _entries[key] = entry;
        return await entry.Value.ConfigureAwait(false);
    }

    /// <summary>Changed elsewhere (a kudos given): served once more while it is read again.</summary>
    public void MarkStale(TKey key)
    {
        if (_entries.TryGetValue(key, out var kept)) kept.Stale = true;
    }

    /// <summary>Changed by this console: the next request reads it, so the coordinator sees their own change at once.</summary>
    public void Drop(TKey key) => _entries.TryRemove(key, out _);

    /// <summary>
    /// Changed by this console, in a way <paramref name="change"/> can apply to the kept value without a read: the next
    /// request gets the changed value. Without a kept value, or should the change fail, the next request reads.
    /// The mark the change itself left (<see cref="MarkStale"/>) goes with it: reading the month again behind the
    /// coordinator's next page would only slow that page (measured: 8 ms without, 324 ms beside the read). A kudos
    /// given at the same moment still shows within "fresh".
    /// </summary>
    public void Update(TKey key, Func<TValue, TValue> change)
    {
        if (!_entries.TryGetValue(key, out var kept) || !kept.Value.IsCompletedSuccessfully)
        {
            Drop(key);
            return;
        }
        var changed = new Entry(Task.FromResult(change(kept.Value.Result)), kept.ReadAt);
        if (!_entries.TryUpdate(key, changed, kept)) Drop(key); // replaced meanwhile (a read behind): read it again
    }

    /// <summary>
    /// Reads <paramref name="key"/> again while the kept value goes on being served, and keeps the new one (unless this
    /// console dropped or changed it meanwhile): a warm-up. Returns the value now kept.
    /// </summary>
    public async Task<TValue> ReadAheadAsync(TKey key)
    {
        var startedAt = clock.GetUtcNow();
        _entries.TryGetValue(key, out var kept);
        var reading = read(key);
        var value = await reading.ConfigureAwait(false);
        var fresh = new Entry(reading, startedAt);
        if (kept is null ? _entries.TryAdd(key, fresh) : _entries.TryUpdate(key, fresh, kept)) return value;
        return _entries.TryGetValue(key, out var now) && now.Value.IsCompletedSuccessfully ? now.Value.Result : value;
    }

    private void RefreshBehind(TKey key, Entry kept)
    {
        if (Interlocked.CompareExchange(ref kept.Refreshing, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await ReadAheadAsync(key).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Exchange(ref kept.Refreshing, 0); // the kept value stays; a later request tries again
            }
        });
    }
}
