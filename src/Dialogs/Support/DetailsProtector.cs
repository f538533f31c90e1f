using System.Security.Cryptography;
using System.Text;

namespace WellnessBot.Dialogs.Support;

/// <summary>
/// Encrypts support-request details before they reach the table store (AES-256-GCM). The stored form is
/// "v1:{key id}:{base64(nonce | tag | ciphertext)}", bound to its request id as associated data, so a value
/// copied onto another request does not decrypt. Keys rotate by adding a new id and making it current.
/// </summary>
public sealed class DetailsProtector
{
    private const int NonceSize = 12, TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;

    /// <summary>Keys of their own for the requester index (one per key id) and the outbox's row names, derived once with HKDF: never the encryption keys.</summary>
    private readonly Dictionary<string, byte[]> _indexKeys;
    private readonly byte[] _outboxKey;

    public DetailsProtector(SupportSettings settings)
    {
        _keys = settings.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value.Trim()), StringComparer.Ordinal);
        if (_keys.Count == 0)
            throw new InvalidOperationException("No encryption key for support requests: set Support:Keys:<id> to 32 random bytes in base64.");
        _currentKeyId = string.IsNullOrEmpty(settings.CurrentKeyId) ? _keys.Keys.Single() : settings.CurrentKeyId;
        if (!_keys.ContainsKey(_currentKeyId)) throw new InvalidOperationException($"Support:CurrentKeyId '{_currentKeyId}' is not one of Support:Keys.");
        _indexKeys = _keys.ToDictionary(k => k.Key, k => HKDF.DeriveKey(HashAlgorithmName.SHA256, k.Value, 32, info: IndexInfo), StringComparer.Ordinal);
        _outboxKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, _keys[_keys.Keys.Order(StringComparer.Ordinal).First()], 32, info: OutboxInfo);
    }

    /// <summary>A fresh random key for a development run, never for production (details are unreadable after a restart).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string CurrentKeyId => _currentKeyId;

    public string Protect(string plaintext, string requestId)
    {
        var key = _keys[_currentKeyId];
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + input.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
            aes.Encrypt(nonce, input, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Associated(requestId));
        CryptographicOperations.ZeroMemory(input);
        return $"v1:{_currentKeyId}:{Convert.ToBase64String(output)}";
    }

    /// <exception cref="CryptographicException">Tampered, bound to another request, or encrypted with a key no longer configured.</exception>
    public string Unprotect(string stored, string requestId)
    {
        var parts = stored.Split(':', 3);
        if (parts is not ["v1", var keyId, var body]) throw new CryptographicException("Not a protected value.");
        if (!_keys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"The details were encrypted with key id '{keyId}', which is no longer in Support:Keys.");
        var data = Convert.FromBase64String(body);
        if (data.Length < NonceSize + TagSize) throw new CryptographicException("Protected value too short.");
        var plain = new byte[data.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(key, TagSize))
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain, Associated(requestId));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// A keyed index of a value (a requester's id) that lets the store find their requests without holding the id:
    /// HMAC-SHA256 under a key derived from the current one, prefixed with its key id so rotation keeps old rows findable.
    /// </summary>
    public string IndexOf(string value) => Index(_currentKeyId, value);

    /// <summary>The index of <paramref name="value"/> under every configured key, current first: what to look a row up by.</summary>
    public IReadOnlyList<string> IndexesOf(string value) =>
        [Index(_currentKeyId, value), .. _keys.Keys.Where(k => k != _currentKeyId).Order(StringComparer.Ordinal).Select(k => Index(k, value))];

    private string Index(string keyId, string value) =>
        keyId + ":" + Convert.ToHexStringLower(HMACSHA256.HashData(_indexKeys[keyId], Encoding.UTF8.GetBytes(value)));

    private static readonly byte[] IndexInfo = Encoding.UTF8.GetBytes("wellnessbot support index v1");
    private static readonly byte[] OutboxInfo = Encoding.UTF8.GetBytes("wellnessbot outbox v1");

    /// <summary>
    /// The keyed hash that names an outbox row ("this notice, to this person"). One key for every row, derived from the
    /// first key id in order, so adding a key for rotation leaves rows where they are; only removing that key moves
    /// them (letters then in flight may be sent once more: the outbox prefers twice to never).
    /// </summary>
    public byte[] OutboxKey(string onceKey) => HMACSHA256.HashData(_outboxKey, Encoding.UTF8.GetBytes(onceKey));

    private static byte[] Associated(string requestId) => Encoding.UTF8.GetBytes("support-request|" + requestId);
}
