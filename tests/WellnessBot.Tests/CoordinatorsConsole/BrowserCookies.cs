using System.Collections.Concurrent;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// A browser's cookie jar, as RFC 6265 has it, for one site: unlike .NET's CookieContainer it keeps a cookie whose
/// Path is not a prefix of the page that set it (ASP.NET sets the OpenID Connect correlation and nonce cookies for
/// the callback path while the challenge is answered on another page, and browsers keep them). Secure cookies only
/// go over https; Max-Age=0 or a past Expires removes one.
/// </summary>
public sealed class BrowserCookies(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private sealed record Stored(string Value, string Path, bool Secure);

    private readonly ConcurrentDictionary<string, Stored> _jar = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _jar.Keys.ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var sent = _jar.Where(c => (!c.Value.Secure || uri.Scheme == Uri.UriSchemeHttps) && PathMatches(uri.AbsolutePath, c.Value.Path))
            .Select(c => c.Key + "=" + c.Value.Value).ToList();
        if (sent.Count > 0) request.Headers.Add("Cookie", string.Join("; ", sent));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            foreach (var cookie in cookies) Keep(cookie, uri);
        return response;
    }

    private void Keep(string header, Uri from)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries);
        var (name, value) = parts[0].Split('=', 2) is [var n, var v] ? (n, v) : (parts[0], "");
        string path = "/";
        bool secure = false, gone = false;
        foreach (var attribute in parts.Skip(1))
        {
            var (key, argument) = attribute.Split('=', 2) is [var k, var a] ? (k, a) : (attribute, "");
            if (key.Equals("path", StringComparison.OrdinalIgnoreCase) && argument.StartsWith('/')) path = argument;
            else if (key.Equals("secure", StringComparison.OrdinalIgnoreCase)) secure = true;
            else if (key.Equals("max-age", StringComparison.OrdinalIgnoreCase) && int.TryParse(argument, out var age) && age <= 0) gone = true;
            else if (key.Equals("expires", StringComparison.OrdinalIgnoreCase) && DateTimeOffset.TryParse(argument, out var at) && at <= DateTimeOffset.UtcNow) gone = true;
        }
        if (secure && from.Scheme != Uri.UriSchemeHttps) return;
        if (gone) _jar.TryRemove(name, out _);
        else _jar[name] = new Stored(value, path, secure);
    }

    private static bool PathMatches(string requestPath, string cookiePath) =>
        requestPath == cookiePath || (requestPath.StartsWith(cookiePath, StringComparison.Ordinal) && (cookiePath.EndsWith('/') || requestPath[cookiePath.Length] == '/'));
}
