using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Testing;

namespace WellnessBot.Tests.Harness;

/// <summary>
/// Azurite over HTTPS with its OAuth check on ("--oauth basic": it validates a bearer token's issuer, audience
/// and lifetime, not its signature), so the Microsoft Entra path — BearerTokenAuthenticationPolicy asking a
/// TokenCredential for the storage scope — runs against a real server. The certificate is made here, for 127.0.0.1.
/// </summary>
public sealed class AzuriteOAuthServer : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private X509Certificate2? _certificate;

    public Uri Endpoint => new($"https://127.0.0.1:{_azurite!.Port}/{AzuriteProcess.AccountName}");

    public StorageTokenCredential Credential { get; } = new();

    public async Task InitializeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("azurite-tls-").FullName;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(folder, "cert.pem");
        var keyPath = Path.Combine(folder, "key.pem");
        await File.WriteAllTextAsync(certPath, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());

        _azurite = await AzuriteProcess.StartAsync("--oauth", "basic", "--cert", certPath, "--key", keyPath);
    }

    /// <summary>Client options whose transport trusts exactly this server's certificate and nothing else extra.</summary>
    public Azure.Data.Tables.TableClientOptions ClientOptions()
    {
        var expected = _certificate!.GetCertHash(HashAlgorithmName.SHA256);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None ||
                (certificate is not null && certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(expected)),
        };
        var options = AzureTableStore.ClientOptions(maxRetries: 3, TimeSpan.FromSeconds(15));
        options.Transport = new HttpClientTransport(handler);
        return options;
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
        _certificate?.Dispose();
    }
}

/// <summary>
/// Stands in for Azure.Identity's credentials: hands out tokens shaped like Microsoft Entra access tokens for
/// Azure Storage, and records the scopes it was asked for. <see cref="Expired"/> makes it hand out stale ones.
/// </summary>
public sealed class StorageTokenCredential : TokenCredential
{
    private readonly List<string> _scopes = [];

    public bool Expired { get; set; }
    public IReadOnlyList<string> RequestedScopes { get { lock (_scopes) return [.. _scopes]; } }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_scopes) _scopes.AddRange(requestContext.Scopes);
        var now = DateTimeOffset.UtcNow;
        var (notBefore, expires) = Expired ? (now.AddHours(-2), now.AddHours(-1)) : (now.AddMinutes(-1), now.AddHours(1));
        var claims = new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = "https://sts.windows.net/11111111-2222-3333-4444-555555555555/",
            ["tid"] = "11111111-2222-3333-4444-555555555555",
            ["oid"] = "aaaaaaaa-0000-0000-0000-000000000000",
            ["iat"] = notBefore.ToUnixTimeSeconds(),
            ["nbf"] = notBefore.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT" })) + "." +
                    Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims)) + "." + Base64Url(Encoding.ASCII.GetBytes("unsigned"));
        // Tell the policy it may cache the token only as long as it is really valid.
        return new AccessToken(token, Expired ? now.AddSeconds(1) : expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

[CollectionDefinition(Name)]
public sealed class AzuriteOAuthCollection : ICollectionFixture<AzuriteOAuthServer>
{
    public const string Name = "Azurite with OAuth over HTTPS";
}
