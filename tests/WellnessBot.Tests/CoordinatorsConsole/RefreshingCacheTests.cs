using Microsoft.Extensions.Time.Testing;
using WellnessBot.Bot.CoordinatorsConsole;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// The console's cache of big reads: fresh values are served as they are, stale ones while a new read runs behind
/// them, old ones and dropped ones only after a new read, and a failed read behind leaves the kept value in place.
/// </summary>
public sealed class RefreshingCacheTests
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10), Usable = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private int _version;
    private TaskCompletionSource? _gate;
    private bool _fail;

    private RefreshingCache<string, int> Cache() => new(async _ =>
    {
        if (_gate is { } gate) await gate.Task;
        if (_fail) throw new InvalidOperationException("the store is away");
        return Interlocked.Increment(ref _version);
    }, _clock);

    private static async Task Eventually(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++) await Task.Delay(10);
        Assert.True(done());
    }

    [Fact]
    public async Task AFreshValueIsServedWithoutAReadAndAStaleOneWhileANewReadRunsBehindIt()
    {
        var cache = Cache();
        Assert.Equal(1, await cache.GetAsync("m", Fresh, Usable));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await cache.GetAsync("m", Fresh, Usable));
        Assert.Equal(1, _version); // no second read while fresh

        _clock.Advance(TimeSpan.FromSeconds(6)); // 11 s: stale, still usable
        _gate = new TaskCompletionSource();
        Assert.Equal(1, await cache.GetAsync("m", Fresh, Usable)); // answered at once, from the kept value
        Assert.Equal(1, await cache.GetAsync("m", Fresh, Usable)); // one read behind, not two
        _gate.SetResult();
        await Eventually(() => _version == 2);
        await Eventually(() => cache.GetAsync("m", Fresh, Usable).Result == 2);
        Assert.Equal(2, _version);
    }

    [Fact]
    public async Task AValueTooOldOrDroppedIsReadWhileTheRequestWaitsAndAMarkedOneIsReadAgainBehind()
    {
        var cache = Cache();
        await cache.GetAsync("m", Fresh, Usable);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(2, await cache.GetAsync("m", Fresh, Usable)); // past usable: never shown

        cache.Drop("m");
        Assert.Equal(3, await cache.GetAsync("m", Fresh, Usable)); // this console's own change shows at once

        cache.MarkStale("m");
        Assert.Equal(3, await cache.GetAsync("m", Fresh, Usable)); // served once more…
        await Eventually(() => cache.GetAsync("m", Fresh, Usable).Result == 4); // …while it is read again
    }

    [Fact]
    public async Task AFailedReadBehindKeepsTheValueAndIsTriedAgain()
    {
        var cache = Cache();
        await cache.GetAsync("m", Fresh, Usable);
        _clock.Advance(TimeSpan.FromSeconds(30));
        _fail = true;
        Assert.Equal(1, await cache.GetAsync("m", Fresh, Usable));
        await Task.Delay(100);
        Assert.Equal(1, await cache.GetAsync("m", Fresh, Usable)); // still the kept value, and the read is tried again
        _fail = false;
        await Eventually(() => cache.GetAsync("m", Fresh, Usable).Result == 2);
    }

    [Fact]
    public async Task AnUpdateChangesTheKeptValueWithoutARead()
    {
        var cache = Cache();
        await cache.GetAsync("m", Fresh, Usable);
        cache.Update("m", v => v * 100);
        Assert.Equal(100, await cache.GetAsync("m", Fresh, Usable));
        Assert.Equal(1, _version);

        cache.Drop("m");
        cache.Update("m", v => v * 100); // nothing kept: the next request reads
        Assert.Equal(2, await cache.GetAsync("m", Fresh, Usable));
    }

    [Fact]
    public async Task AReadAheadKeepsServingTheOldValueUntilTheNewOneIsRead()
    {
        var cache = Cache();
        Assert.Equal(1, await cache.ReadAheadAsync("m")); // nothing kept yet: read and kept
        _gate = new TaskCompletionSource();
        var ahead = cache.ReadAheadAsync("m");
        Assert.Equal(1, await cache.GetAsync("m", Fresh, Usable)); // served meanwhile
        _gate.SetResult();
        Assert.Equal(2, await ahead);
        Assert.Equal(2, await cache.GetAsync("m", Fresh, Usable));
        Assert.Equal(2, _version);

        _gate = new TaskCompletionSource();
        ahead = cache.ReadAheadAsync("m");
        cache.Update("m", v => v * 100); // a coordinator's change while the read runs: it is not undone
        _gate.SetResult();
        await ahead;
        Assert.Equal(200, await cache.GetAsync("m", Fresh, Usable));
    }
}
