namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// Where the Table service is and how to authenticate, read from the forms administrators already have:
/// <c>UseDevelopmentStorage=true</c> (Azurite), a standard account connection string
/// (<c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…[;TableEndpoint=…|;EndpointSuffix=…]</c>),
/// a <c>TableEndpoint=…;SharedAccessSignature=…</c> string, or a bare endpoint URL, which means Microsoft Entra
/// tokens (managed identity in production).
/// </summary>
public sealed record TableConnectionString(Uri Endpoint, string? AccountName, string? AccountKey, string? SharedAccessSignature)
{
    /// <summary>Azurite's and the old emulator's published development account (not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public bool UsesSharedKey => AccountKey is not null;
    public bool UsesSas => SharedAccessSignature is not null;
    public bool UsesTokenCredential => !UsesSharedKey && !UsesSas;

    public static TableConnectionString Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new FormatException("The Azure Table Storage connection string is empty. Set Storage:ConnectionString.");
        value = value.Trim();

        if (Uri.TryCreate(value, UriKind.Absolute, out var bare) && bare.Scheme is "https" or "http" && !value.Contains(';'))
            return new TableConnectionString(TrimSlash(bare), AccountFromHost(bare), null, null);

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new FormatException($"The Azure Table Storage connection string has a part without '=' (\"{Redact(segment)}\").");
            parts[segment[..eq]] = segment[(eq + 1)..];
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var p) ? new Uri(p) : new Uri("http://127.0.0.1");
            var endpoint = new UriBuilder(proxy) { Port = 10002, Path = DevelopmentAccountName }.Uri;
            return new TableConnectionString(TrimSlash(endpoint), DevelopmentAccountName, DevelopmentAccountKey, null);
        }

        parts.TryGetValue("AccountName", out var account);
        parts.TryGetValue("AccountKey", out var key);
        parts.TryGetValue("SharedAccessSignature", out var sas);

        Uri? tableEndpoint = null;
        if (parts.TryGetValue("TableEndpoint", out var explicitEndpoint))
        {
            if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out tableEndpoint))
                throw new FormatException("TableEndpoint in the Azure Table Storage connection string is not an absolute URL.");
        }
        else if (account is not null)
        {
            var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto : "https";
            var suffix = parts.TryGetValue("EndpointSuffix", out var sfx) ? sfx : "core.windows.net";
            tableEndpoint = new Uri($"{protocol}://{account}.table.{suffix}");
        }

        if (tableEndpoint is null)
            throw new FormatException("The Azure Table Storage connection string names neither AccountName nor TableEndpoint.");
        if (key is not null && account is null)
            throw new FormatException("The Azure Table Storage connection string has an AccountKey but no AccountName.");
        if (key is not null)
        {
            try { _ = Convert.FromBase64String(key); }
            catch (FormatException) { throw new FormatException("AccountKey in the Azure Table Storage connection string is not valid Base64."); }
        }

        return new TableConnectionString(TrimSlash(tableEndpoint), account ?? AccountFromHost(tableEndpoint), key, sas?.TrimStart('?'));
    }

    /// <summary>For logs and health reports: the endpoint and how we authenticate, never the key or SAS.</summary>
    public string Describe() =>
        $"{Endpoint} ({(UsesSharedKey ? "shared key" : UsesSas ? "shared access signature" : "Microsoft Entra token")})";

    private static Uri TrimSlash(Uri uri) => new(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));

    private static string? AccountFromHost(Uri uri)
    {
        var dot = uri.Host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !uri.IsLoopback ? uri.Host[..dot] : null;
    }

    private static string Redact(string segment) => segment.Length <= 12 ? segment : segment[..12] + "…";
}
