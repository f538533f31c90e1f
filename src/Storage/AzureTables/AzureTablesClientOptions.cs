using Azure.Core;

namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// Pipeline settings for the Table service client. Retries are bounded and every attempt has a network
/// timeout, so an unreachable service fails with a clear error within seconds instead of hanging a user's turn.
/// </summary>
public sealed class AzureTablesClientOptions : ClientOptions
{
    /// <summary>A REST API version Azure and Azurite both accept for every operation used here.</summary>
    public const string DefaultServiceVersion = "2019-02-02";

    public AzureTablesClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(4);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
        Diagnostics.IsLoggingContentEnabled = false; // entities may hold personal data
        Diagnostics.ApplicationId = "WellnessBot";
    }

    public string ServiceVersion { get; set; } = DefaultServiceVersion;
}
