using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// A throwaway certificate authority made in the test, and a server certificate it signed for 127.0.0.1 and
/// localhost, written as PEM files: the CA for a child process's SSL_CERT_FILE, the server's pair for Kestrel.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 server, string folder)
    {
        Authority = authority;
        Server = server;
        AuthorityPemPath = Path.Combine(folder, "test-ca.pem");
        ServerPemPath = Path.Combine(folder, "server.pem");
        ServerKeyPemPath = Path.Combine(folder, "server.key");
        File.WriteAllText(AuthorityPemPath, authority.ExportCertificatePem());
        File.WriteAllText(ServerPemPath, server.ExportCertificatePem());
        using var key = server.GetECDsaPrivateKey()!;
        File.WriteAllText(ServerKeyPemPath, key.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Authority { get; }
    public X509Certificate2 Server { get; }
    public string AuthorityPemPath { get; }
    public string ServerPemPath { get; }
    public string ServerKeyPemPath { get; }

    public static TestCertificates Create(string folder)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=WellnessBot test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var signed = request.Create(authority, now.AddMinutes(-5), now.AddHours(12), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        // Through PKCS#12 so that the key is usable by SslStream everywhere.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new TestCertificates(X509CertificateLoader.LoadCertificate(authority.RawData), server, folder);
    }

    /// <summary>An HttpClient handler that trusts servers this CA signed (for the right name) and nothing else; no redirects, no cookies of its own.</summary>
    public HttpClientHandler TrustingHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(Authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        },
    };

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
