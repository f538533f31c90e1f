namespace WellnessBot.Storage;

/// <summary>Base of every failure the table store reports; <see cref="ErrorCode"/> follows the Table service's codes.</summary>
public class TableStoreException : Exception
{
    public TableStoreException(string message, string errorCode, int status = 0, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
        Status = status;
    }

    public string ErrorCode { get; }

    /// <summary>The HTTP status the Table service answered with, or the equivalent for SQLite; 0 when there was no answer.</summary>
    public int Status { get; }
}

/// <summary>The entity or request breaks one of the Table service's rules; thrown before anything is sent.</summary>
public sealed class TableValidationException(string message)
    : TableStoreException(message, "InvalidInput", 400);

/// <summary>Add found an entity with the same keys.</summary>
public sealed class EntityAlreadyExistsException(string table, Exception? inner = null)
    : TableStoreException($"An entity with those keys already exists in table '{table}'.", "EntityAlreadyExists", 409, inner);

/// <summary>The stored version is not the one the caller read: someone else wrote first. Read again and retry.</summary>
public sealed class ConcurrencyConflictException(string table, Exception? inner = null)
    : TableStoreException($"The entity in table '{table}' changed since it was read (ETag mismatch).", "UpdateConditionNotSatisfied", 412, inner);

/// <summary>An update named an entity that does not exist.</summary>
public sealed class EntityNotFoundException(string table, Exception? inner = null)
    : TableStoreException($"No entity with those keys exists in table '{table}'.", "ResourceNotFound", 404, inner);

/// <summary>The table itself does not exist (call CreateIfNotExistsAsync first).</summary>
public sealed class TableNotFoundException(string table, Exception? inner = null)
    : TableStoreException($"Table '{table}' does not exist.", "TableNotFound", 404, inner);

/// <summary>The store could not be reached or kept failing after bounded retries.</summary>
public sealed class TableStoreUnavailableException(string message, Exception? inner = null)
    : TableStoreException(message, "StoreUnavailable", 503, inner);

/// <summary>One action of a transaction failed, so none was written. <see cref="FailedActionIndex"/> names it.</summary>
public sealed class TableTransactionFailedException(int failedActionIndex, TableStoreException cause)
    : TableStoreException($"Transaction action {failedActionIndex} failed ({cause.ErrorCode}); nothing was written. {cause.Message}",
        cause.ErrorCode, cause.Status, cause)
{
    public int FailedActionIndex { get; } = failedActionIndex;
    public TableStoreException Cause { get; } = cause;
}
