using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Data.Tables;

namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// Azure Table Storage through the Azure.Data.Tables SDK. The SDK parses connection strings, signs requests,
/// retries, pages and batches; this folder only maps between its types and <see cref="ITableStore"/>.
/// </summary>
public sealed class AzureTableStore : ITableStore
{
    private readonly ConcurrentDictionary<string, AzureTableClient> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="connection">
    /// "UseDevelopmentStorage=true", an account connection string (account key or SharedAccessSignature), a table
    /// endpoint URL with a SAS query, or a bare endpoint URL, which is then reached with <paramref name="credential"/>.
    /// </param>
    public AzureTableStore(string connection, TableClientOptions? options = null, TokenCredential? credential = null)
    {
        Options = options ?? ClientOptions(maxRetries: 3, TimeSpan.FromSeconds(15));
        Service = Connect(connection, Options, credential);
    }

    public string ProviderName => "AzureTables";

    /// <summary>The endpoint, without any SAS or key.</summary>
    public string Location => Service.Uri.GetLeftPart(UriPartial.Path);

    internal TableServiceClient Service { get; }
    internal TableClientOptions Options { get; }

    /// <summary>Bounded retries and a timeout for every attempt, so an outage fails a turn in seconds instead of hanging it.</summary>
    public static TableClientOptions ClientOptions(int maxRetries, TimeSpan networkTimeout)
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        options.Retry.NetworkTimeout = networkTimeout;
        options.Diagnostics.IsLoggingContentEnabled = false; // entities may hold personal data
        options.Diagnostics.ApplicationId = "WellnessBot";
        return options;
    }

    /// <summary>True when <paramref name="connection"/> is an endpoint reached with a token credential (Microsoft Entra).</summary>
    public static bool UsesTokenCredential(string connection) =>
        Uri.TryCreate(connection.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Query.Length <= 1;

    /// <summary>The SDK's reading of <paramref name="connection"/>, for start-up checks: null when usable, else why not.</summary>
    public static string? Problem(string connection)
    {
        try
        {
            var service = Connect(connection, new TableClientOptions(), UsesTokenCredential(connection) ? new NoCredential() : null);
            // A shared key signs each request but the data travels in clear; a SAS is itself the secret: https only, but for a local emulator.
            if (service.Uri.Scheme == Uri.UriSchemeHttp && !service.Uri.IsLoopback && !UsesTokenCredential(connection))
                return "an account key or SAS over plain http is refused outside loopback: use the https endpoint (DefaultEndpointsProtocol=https, TableEndpoint=https://…).";
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            // The SDK's reason, unless it quotes any part of the value (which may hold a key or signature).
            var echoes = connection.Split([';', '=', '&', '?'], StringSplitOptions.RemoveEmptyEntries)
                .Any(part => part.Length >= 6 && ex.Message.Contains(part, StringComparison.Ordinal));
            return "the Azure Tables SDK cannot use it" + (echoes ? "." : ": " + ex.Message);
        }
    }

    private static TableServiceClient Connect(string connection, TableClientOptions options, TokenCredential? credential)
    {
        connection = connection.Trim();
        if (!Uri.TryCreate(connection, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return new TableServiceClient(connection, options);
        if (uri.Query.Length > 1)
            return new TableServiceClient(new Uri(uri.GetLeftPart(UriPartial.Path)), new AzureSasCredential(uri.Query), options);
        return new TableServiceClient(uri,
            credential ?? throw new ArgumentException("A token credential is needed for an endpoint without an account key or SAS.", nameof(credential)),
            options);
    }

    public ITableClient GetTableClient(string tableName)
    {
        EntityRules.ValidateTableName(tableName);
        return _tables.GetOrAdd(tableName, name => new AzureTableClient(this, Service.GetTableClient(name)));
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken ct = default)
    {
        try
        {
            await foreach (var _ in Service.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1).WithCancellation(ct).ConfigureAwait(false))
                break;
            return new StoreHealth(true, $"Azure Table Storage at {Location} answers.");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (AzureFailures.IsStoreFailure(ex))
        {
            return new StoreHealth(false, AzureFailures.Map(ex, this, table: null).Message);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Stands in for a real credential when only the endpoint's shape is being checked; never asked for a token.</summary>
    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Only used to check a connection's shape.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Only used to check a connection's shape.");
    }
}
