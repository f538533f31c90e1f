using Azure;

namespace WellnessBot.Storage;

public enum TableTransactionActionType { Add, UpsertMerge, UpsertReplace, UpdateMerge, UpdateReplace, Delete }

/// <summary>One operation in an atomic same-partition transaction (see <see cref="ITableClient.SubmitTransactionAsync"/>).</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default)
{
    /// <summary>The Table service's limit on operations in one transaction.</summary>
    public const int MaxActions = 100;

    public static TableTransactionAction Add(TableEntity e) => new(TableTransactionActionType.Add, e);
    public static TableTransactionAction Upsert(TableEntity e, TableUpdateMode mode = TableUpdateMode.Merge) =>
        new(mode == TableUpdateMode.Merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace, e);
    public static TableTransactionAction Update(TableEntity e, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge) =>
        new(mode == TableUpdateMode.Merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace, e, ifMatch);
    public static TableTransactionAction Delete(TableEntity e, ETag ifMatch = default) =>
        new(TableTransactionActionType.Delete, e, ifMatch);

    internal static void ValidateBatch(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
            throw new TableValidationException("A transaction needs at least one action.");
        if (actions.Count > MaxActions)
            throw new TableValidationException($"A transaction holds at most {MaxActions} actions; this one has {actions.Count}.");
        var partition = actions[0].Entity.PartitionKey;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
                throw new TableValidationException($"All actions in a transaction must share one partition key; action {i} does not.");
            if (!seen.Add(action.Entity.RowKey))
                throw new TableValidationException($"A transaction may touch each entity once; action {i} repeats a row key.");
            if (action.ActionType == TableTransactionActionType.Delete)
                EntityRules.ValidateKeys(action.Entity.PartitionKey, action.Entity.RowKey);
            else
                EntityRules.ValidateEntity(action.Entity);
        }
    }
}
