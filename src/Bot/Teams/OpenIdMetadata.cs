using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// OpenID metadata and signing keys, fetched and parsed by Microsoft.IdentityModel, cached for a day. An unknown
/// key id forces one fetch right away (keys rotate), at most once a minute so forged tokens cannot hammer the
/// metadata endpoint. A failed refresh keeps the last good keys.
/// </summary>
internal sealed class OpenIdMetadata(string url, HttpClient http)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromDays(1);
    private static readonly TimeSpan ForcedRefreshEvery = TimeSpan.FromMinutes(1);

    private readonly HttpDocumentRetriever _retriever = new(http) { RequireHttps = !new Uri(url).IsLoopback };
    private readonly SemaphoreSlim _lock = new(1, 1);
    private OpenIdConnectConfiguration? _config;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;

    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken ct)
    {
        if (_config is { } cached && DateTimeOffset.UtcNow - _fetchedAt < CacheFor) return cached;
        return await FetchAsync(force: false, ct).ConfigureAwait(false) ?? throw new InvalidOperationException("OpenID metadata is unavailable.");
    }

    /// <summary>Fetches now because a token named a key we do not have; null when throttled.</summary>
    public Task<OpenIdConnectConfiguration?> RefreshAsync(CancellationToken ct) => FetchAsync(force: true, ct);

    private async Task<OpenIdConnectConfiguration?> FetchAsync(bool force, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = DateTimeOffset.UtcNow;
            if (force)
            {
                if (now - _lastForced < ForcedRefreshEvery) return null;
                _lastForced = now;
            }
            else if (_config is { } fresh && now - _fetchedAt < CacheFor)
            {
                return fresh;
            }
            try
            {
                _config = await OpenIdConnectConfigurationRetriever.GetAsync(url, _retriever, ct).ConfigureAwait(false);
                _fetchedAt = now;
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException or ArgumentException or TaskCanceledException)
            {
                if (_config is null) throw new InvalidOperationException("OpenID metadata is unavailable.", ex);
            }
            return _config;
        }
        finally
        {
            _lock.Release();
        }
    }
}
