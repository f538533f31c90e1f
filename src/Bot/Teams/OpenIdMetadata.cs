using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// OpenID metadata and signing keys, fetched and parsed by Microsoft.IdentityModel. Requests never wait on a fetch
/// once keys are cached: after half a day the keys in hand are still used while a fresh copy is fetched in the
/// background, and if the metadata endpoint is down they stay in use (tried again at most once a minute). Only the
/// very first request waits. An unknown key id forces one fetch (keys rotate), at most once a minute, so forged
/// tokens cannot hammer the metadata endpoint.
/// </summary>
internal sealed class OpenIdMetadata(string url, HttpClient http, TimeProvider? clock = null)
{
    /// <summary>Keys older than this are refreshed in the background (the SDK caches them for a day).</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromHours(12);

    private static readonly TimeSpan TryAgainEvery = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly HttpDocumentRetriever _retriever = new(http) { RequireHttps = !new Uri(url).IsLoopback };
    private readonly SemaphoreSlim _lock = new(1, 1);
    private OpenIdConnectConfiguration? _config;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastTried = DateTimeOffset.MinValue;
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;
    private Task? _refreshing;

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _config) is not { } cached) return FirstAsync(ct);
        if (_clock.GetUtcNow() - _fetchedAt >= RefreshAfter) RefreshInBackground();
        return Task.FromResult(cached);
    }

    /// <summary>Fetches now because a token named a key we do not have; null when throttled.</summary>
    public async Task<OpenIdConnectConfiguration?> RefreshAsync(CancellationToken ct)
    {
        var asked = _clock.GetUtcNow();
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Fetched while this caller waited (a rotation brings many such tokens at once): those keys are the answer.
            if (_fetchedAt >= asked && _config is { } justFetched) return justFetched;
            if (_clock.GetUtcNow() - _lastForced < TryAgainEvery) return null;
            _lastForced = _clock.GetUtcNow();
            return await FetchLockedAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The first fetch: nothing is cached yet, so this one request waits.</summary>
    private async Task<OpenIdConnectConfiguration> FirstAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _config ?? await FetchLockedAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException("OpenID metadata is unavailable.");
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>One refresh at a time, and not more than once a minute while the endpoint fails.</summary>
    private void RefreshInBackground()
    {
        if (_clock.GetUtcNow() - _lastTried < TryAgainEvery || Volatile.Read(ref _refreshing) is { IsCompleted: false }) return;
        if (!_lock.Wait(0)) return; // a fetch is under way already
        try
        {
            _lastTried = _clock.GetUtcNow();
            _refreshing = Task.Run(async () =>
            {
                await _lock.WaitAsync().ConfigureAwait(false);
                try { await FetchLockedAsync(CancellationToken.None).ConfigureAwait(false); }
                finally { _lock.Release(); }
            });
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Fetches under the lock. A failure keeps the keys in hand (null when there are none).</summary>
    private async Task<OpenIdConnectConfiguration?> FetchLockedAsync(CancellationToken ct)
    {
        _lastTried = _clock.GetUtcNow();
        try
        {
            var fresh = await OpenIdConnectConfigurationRetriever.GetAsync(url, _retriever, ct).ConfigureAwait(false);
            _fetchedAt = _clock.GetUtcNow();
            Volatile.Write(ref _config, fresh);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException or ArgumentException or TaskCanceledException)
        {
            if (_config is null) throw new InvalidOperationException("OpenID metadata is unavailable.", ex);
        }
        return _config;
    }
}
