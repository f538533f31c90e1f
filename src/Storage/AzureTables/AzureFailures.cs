using Azure;

namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// The SDK's failures as the store's typed exceptions. A status the service answered maps by status and error
/// code; throttling or 5xx after the SDK's retries, a timeout or a transport error is "unavailable".
/// </summary>
internal static class AzureFailures
{
    public static bool IsStoreFailure(Exception ex) =>
        ex is RequestFailedException or AggregateException or OperationCanceledException or HttpRequestException or IOException
            or Azure.Identity.AuthenticationFailedException;

    public static TableStoreException Map(Exception ex, AzureTableStore store, string? table)
    {
        if (ex is Azure.Data.Tables.TableTransactionFailedException failed)
            return new TableTransactionFailedException(failed.FailedTransactionActionIndex ?? 0, Map(failed.Status, failed.ErrorCode, table, ex));
        if (ex is RequestFailedException { Status: > 0 } answered)
        {
            if (answered.Status is 429 or >= 500)
                return new TableStoreUnavailableException(
                    $"Azure Table Storage at {store.Location} kept answering {answered.Status} ({answered.ErrorCode}) after {store.Options.Retry.MaxRetries} retries.", ex);
            return Map(answered.Status, answered.ErrorCode, table, ex);
        }
        return new TableStoreUnavailableException(
            $"Azure Table Storage at {store.Location} could not be reached after {store.Options.Retry.MaxRetries} retries: {Innermost(ex).Message}", ex);
    }

    public static TableStoreException Map(int status, string? code, string? table, Exception? inner = null)
    {
        var name = table ?? "(tables)";
        code ??= "HTTP" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (status, code) switch
        {
            (409, "EntityAlreadyExists") => new EntityAlreadyExistsException(name, inner),
            (412, _) => new ConcurrencyConflictException(name, inner),
            (404, "TableNotFound") => new TableNotFoundException(name, inner),
            (404, _) => new EntityNotFoundException(name, inner),
            (401 or 403, _) => new TableStoreException(
                $"Azure Table Storage refused the credentials for table '{name}' ({code}). Check Storage:ConnectionString or the identity's role assignment.", code, status, inner),
            _ => new TableStoreException($"Azure Table Storage answered {status} ({code}) for table '{name}'.", code, status, inner),
        };
    }

    private static Exception Innermost(Exception ex)
    {
        while (true)
        {
            if (ex is AggregateException { InnerExceptions.Count: > 0 } agg) { ex = agg.InnerExceptions[^1]; continue; }
            if (ex.InnerException is not null && ex is RequestFailedException or HttpRequestException) { ex = ex.InnerException; continue; }
            return ex;
        }
    }
}
