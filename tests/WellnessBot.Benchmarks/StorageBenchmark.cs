using WellnessBot.Storage;
using WellnessBot.Storage.AzureTables;
using WellnessBot.Storage.Sqlite;
using WellnessBot.Testing;

namespace WellnessBot.Benchmarks;

/// <summary>
/// Single-entity upsert and point-read latency, and a 10,000-entity partition scan, on both backends.
/// Targets (embedded store, 2-core machine): point read median &lt; 50 µs, upsert median &lt; 1 ms, scan &lt; 100 ms.
/// </summary>
internal static class StorageBenchmark
{
    public static async Task RunAsync()
    {
        Console.WriteLine("Table store benchmark");
        var directory = Directory.CreateTempSubdirectory("wellnessbot-bench-").FullName;
        try
        {
            await using (var sqlite = new SqliteTableStore($"Data Source={Path.Combine(directory, "bench.db")}"))
                await RunOnAsync("Embedded SQLite (file, WAL)", sqlite, operations: 20_000, targets: true);

            await using var azurite = await AzuriteProcess.StartAsync();
            await using var azure = new AzureTableStore(azurite.ConnectionString);
            await RunOnAsync("Azure Table Storage (Azure.Data.Tables SDK) against Azurite on loopback", azure, operations: 2_000, targets: false);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunOnAsync(string title, ITableStore store, int operations, bool targets)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        var table = store.GetTableClient("Bench" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();

        TableEntity Kudos(string partition, int i) => new(partition, $"k{i:D6}")
        {
            ["GiverId"] = "29:resident-" + (i % 97),
            ["RecipientId"] = "29:resident-" + (i % 89),
            ["Message"] = "Thanks for covering my pager at 3am so I could sleep before my exam.",
            ["Category"] = "teamwork",
            ["Anonymous"] = i % 5 == 0,
            ["GivenAt"] = DateTimeOffset.UtcNow,
        };

        // Warm up the JIT, connection pool and prepared statements before measuring.
        for (var i = 0; i < 500; i++) await table.UpsertEntityAsync(Kudos("warm", i));
        for (var i = 0; i < 500; i++) await table.GetEntityAsync("warm", $"k{i:D6}");

        var upserts = await Samples.TimeAsync("upsert (one entity, 6 properties)", operations,
            i => table.UpsertEntityAsync(Kudos("points", i)));
        Console.WriteLine(upserts.Line(targets ? "median < 1 ms" : null));

        var random = new Random(42);
        var reads = await Samples.TimeAsync("point read", operations * 2,
            _ => table.GetEntityAsync("points", $"k{random.Next(operations):D6}"));
        Console.WriteLine(reads.Line(targets ? "median < 50 µs" : null));

        for (var batch = 0; batch < 100; batch++)
            await table.SubmitTransactionAsync(Enumerable.Range(batch * 100, 100)
                .Select(i => TableTransactionAction.Upsert(Kudos("scan", i))).ToList());
        await table.QueryAllAsync(TableQuery.InPartition("scan")); // warm-up: the first pass pays for JIT
        var scans = await Samples.TimeAsync("scan of a 10,000-entity partition", 10, async _ =>
        {
            var count = 0;
            await foreach (var entity in table.QueryAsync(TableQuery.InPartition("scan"))) count++;
            if (count != 10_000) throw new InvalidOperationException($"Scan returned {count} entities, expected 10,000.");
        });
        Console.WriteLine(scans.Line(targets ? "< 100 ms" : null));
    }
}
