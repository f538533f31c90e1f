using Azure.Core;
using Azure.Identity;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Storage.Sqlite;

namespace WellnessBot.Storage;

/// <summary>The "Storage" configuration section (environment: Storage__Provider, Storage__ConnectionString, …).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string SqliteProvider = "Sqlite";
    public const string AzureTablesProvider = "AzureTables";

    /// <summary>"Sqlite" (embedded file, the default) or "AzureTables".</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>
    /// Sqlite: a file path or "Data Source=…" (default data/wellnessbot.db). AzureTables: "UseDevelopmentStorage=true",
    /// an account connection string, or the table endpoint URL (then Microsoft Entra tokens are used).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>AzureTables with an endpoint URL: the client id of a user-assigned managed identity (else DefaultAzureCredential).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>AzureTables: how long one attempt may take before it is retried.</summary>
    public int RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>AzureTables: retries after a failed attempt (throttling, 5xx, network errors).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Problems a person can fix, each naming the setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!IsSqlite && !IsAzureTables)
            problems.Add($"Storage:Provider is '{Provider}'; use '{SqliteProvider}' or '{AzureTablesProvider}'.");
        if (IsAzureTables)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
                problems.Add("Storage:ConnectionString is required when Storage:Provider is AzureTables " +
                             "(an account connection string, UseDevelopmentStorage=true, or https://<account>.table.core.windows.net).");
            else
            {
                if (AzureTableStore.Problem(ConnectionString) is { } problem)
                    problems.Add("Storage:ConnectionString: " + problem);
            }
        }
        if (RequestTimeoutSeconds is < 1 or > 300)
            problems.Add($"Storage:RequestTimeoutSeconds must be between 1 and 300; it is {RequestTimeoutSeconds}.");
        if (MaxRetries is < 0 or > 10)
            problems.Add($"Storage:MaxRetries must be between 0 and 10; it is {MaxRetries}.");
        return problems;
    }

    public bool IsSqlite => string.Equals(Provider, SqliteProvider, StringComparison.OrdinalIgnoreCase);
    public bool IsAzureTables => string.Equals(Provider, AzureTablesProvider, StringComparison.OrdinalIgnoreCase);
}

public static class TableStoreFactory
{
    /// <summary>Builds the configured store. <paramref name="credential"/> overrides the Entra credential (tests, custom identities).</summary>
    public static ITableStore Create(StorageOptions options, TokenCredential? credential = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new InvalidOperationException("Storage is misconfigured: " + string.Join(" ", problems));

        if (options.IsSqlite)
            return new SqliteTableStore(options.ConnectionString);

        var clientOptions = AzureTableStore.ClientOptions(options.MaxRetries, TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
        if (AzureTableStore.UsesTokenCredential(options.ConnectionString!))
            credential ??= string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        return new AzureTableStore(options.ConnectionString!, clientOptions, credential);
    }
}
