using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// Signs each attempt with the Table service's Shared Key Lite scheme: HMAC-SHA256 over
/// "{x-ms-date}\n/{account}{path}[?comp=…]" with the account key (the scheme Azure.Data.Tables uses).
/// Per-retry, because the date must be fresh on every attempt.
/// </summary>
internal sealed class SharedKeyLitePolicy(string accountName, string accountKey) : HttpPipelineSynchronousPolicy
{
    private readonly byte[] _key = Convert.FromBase64String(accountKey);

    public override void OnSendingRequest(HttpMessage message)
    {
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var signature = Sign(date, CanonicalizedResource(accountName, message.Request.Uri.Path, message.Request.Uri.Query));
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {accountName}:{signature}");
    }

    public static string CanonicalizedResource(string account, string escapedPath, string query)
    {
        var resource = "/" + account + (string.IsNullOrEmpty(escapedPath) ? "/" : escapedPath);
        var comp = QueryValue(query, "comp");
        return comp is null ? resource : resource + "?comp=" + comp;
    }

    public string Sign(string date, string canonicalizedResource)
    {
        var stringToSign = date + "\n" + canonicalizedResource;
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
                return eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }
}
