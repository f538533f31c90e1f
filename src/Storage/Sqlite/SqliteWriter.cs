using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace WellnessBot.Storage.Sqlite;

/// <summary>
/// The one writer of the embedded store. Writes queue up and a dedicated thread commits whatever is waiting as
/// one transaction (group commit), each write in its own savepoint: a write that fails (a conflict, a duplicate
/// key) rolls back alone, the others commit, and every caller hears its own result only once the commit is done.
/// Nobody spins on a lock, and synchronous SQLite calls never hold thread-pool threads.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly SqliteTableStore _store;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public SqliteWriter(SqliteTableStore store)
    {
        _store = store;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private sealed class Work(Func<PooledConnection, SqliteTransaction, object?> run)
    {
        public Func<PooledConnection, SqliteTransaction, object?> Run { get; } = run;
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public object? Result { get; set; }
        public Exception? Error { get; set; }
    }

    public async Task<T> WriteAsync<T>(Func<PooledConnection, SqliteTransaction, T> write, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var work = new Work((connection, transaction) => write(connection, transaction));
        if (!_queue.Writer.TryWrite(work))
            throw new ObjectDisposedException(nameof(SqliteTableStore));
        return (T)(await work.Done.Task.ConfigureAwait(false))!;
    }

    private async Task RunAsync()
    {
        var batch = new List<Work>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            Commit(batch);
        }
    }

    private void Commit(List<Work> batch)
    {
        Exception? failure = null;
        try
        {
            _store.Run(connection =>
            {
                using var transaction = connection.Connection.BeginTransaction(deferred: false);
                foreach (var work in batch)
                {
                    Execute(connection, transaction, "SAVEPOINT w");
                    try
                    {
                        work.Result = work.Run(connection, transaction);
                        Execute(connection, transaction, "RELEASE w");
                    }
                    catch (Exception ex) // only this write is undone; the batch goes on
                    {
                        Execute(connection, transaction, "ROLLBACK TO w");
                        Execute(connection, transaction, "RELEASE w");
                        work.Error = ex;
                    }
                }
                transaction.Commit();
                return 0;
            });
        }
        catch (Exception ex)
        {
            failure = ex is TableStoreException ? ex : new TableStoreUnavailableException($"The embedded SQLite store could not commit: {ex.Message}", ex);
        }

        foreach (var work in batch)
        {
            if (failure is not null) work.Done.TrySetException(failure);
            else if (work.Error is SqliteException sqlite) work.Done.TrySetException(new TableStoreUnavailableException($"The embedded SQLite store failed: {sqlite.Message}", sqlite));
            else if (work.Error is not null) work.Done.TrySetException(work.Error);
            else work.Done.TrySetResult(work.Result);
        }
    }

    private static void Execute(PooledConnection connection, SqliteTransaction transaction, string sql) =>
        connection.Command(sql, transaction).ExecuteNonQuery();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
