using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WellnessBot.Bot.Slack;

internal enum SlackSignatureResult { Valid, MissingHeaders, StaleTimestamp, Mismatch }

/// <summary>
/// Slack's request signing (v0): HMAC-SHA256 with the signing secret over "v0:{timestamp}:{raw body}", compared in
/// constant time, and only for timestamps within five minutes of now (so a captured request cannot be replayed later).
/// </summary>
internal static class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static SlackSignatureResult Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) || !signature.StartsWith("v0=", StringComparison.Ordinal))
            return SlackSignatureResult.MissingHeaders;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SlackSignatureResult.MissingHeaders;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)Window.TotalSeconds)
            return SlackSignatureResult.StaleTimestamp;

        var expected = Compute(signingSecret, timestamp, body);
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), given) ? SlackSignatureResult.Valid : SlackSignatureResult.Mismatch;
    }

    /// <summary>"v0=" + hex of the HMAC, as Slack sends it (also used by tests to sign their requests).</summary>
    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes("v0:" + timestamp + ":");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message));
    }
}
