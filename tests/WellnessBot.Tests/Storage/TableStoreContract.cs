using Azure;
using WellnessBot.Storage;

namespace WellnessBot.Tests.Storage;

/// <summary>
/// What every table store backend must do, written once and run against each (embedded SQLite, and Azure Table
/// Storage served by a real Azurite). Domain code relies on exactly these behaviours.
/// </summary>
public abstract class TableStoreContract : IAsyncLifetime
{
    protected ITableStore Store { get; private set; } = null!;
    protected ITableClient Table { get; private set; } = null!;

    protected abstract ITableStore CreateStore();

    public async Task InitializeAsync()
    {
        Store = CreateStore();
        Table = Store.GetTableClient(UniqueTableName());
        await Table.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    protected static string UniqueTableName() => "t" + Guid.NewGuid().ToString("N")[..24];

    [Fact]
    public async Task EveryPropertyTypeRoundTrips()
    {
        var when = new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1234567);
        var id = Guid.NewGuid();
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        var large = string.Concat(Enumerable.Repeat("Thank you for covering my pager at 3am — ", 800))[..30_000];
        var entity = new TableEntity("kudos 'quoted' partition ü", "row ✓ 1 (with) spaces & symbols")
        {
            ["Text"] = "Zoë, 日本語, emoji 👩‍⚕️ and \"quotes\" 'apostrophes'",
            ["Empty"] = "",
            ["Large"] = large,
            ["Small"] = int.MinValue,
            ["Max"] = int.MaxValue,
            ["Long"] = 9_007_199_254_740_993L, // above 2^53: lost if it ever passed through a JSON double
            ["WholeDouble"] = 2.0,
            ["Double"] = 0.1,
            ["Tiny"] = -1.5e-300,
            ["Yes"] = true,
            ["No"] = false,
            ["When"] = when,
            ["Id"] = id,
            ["Bytes"] = bytes,
            ["EmptyBytes"] = Array.Empty<byte>(),
        };

        var etag = await Table.AddEntityAsync(entity);
        var read = await Table.GetEntityAsync(entity.PartitionKey, entity.RowKey);

        Assert.NotNull(read);
        Assert.NotEqual(default, etag);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.InRange(read.Timestamp!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(entity["Text"], read.GetString("Text"));
        Assert.Equal("", read.GetString("Empty"));
        Assert.Equal(large, read.GetString("Large"));
        Assert.Equal(int.MinValue, read["Small"]);
        Assert.Equal(int.MaxValue, read["Max"]);
        Assert.Equal(9_007_199_254_740_993L, read["Long"]);
        Assert.Equal(2.0, Assert.IsType<double>(read["WholeDouble"]));
        Assert.Equal(0.1, read["Double"]);
        Assert.Equal(-1.5e-300, read["Tiny"]);
        Assert.Equal(true, read["Yes"]);
        Assert.Equal(false, read["No"]);
        Assert.Equal(when, read.GetDateTimeOffset("When"));
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal(bytes, read.GetBinary("Bytes"));
        Assert.Empty(read.GetBinary("EmptyBytes")!);
        Assert.Equal(entity.Count, read.Count);
    }

    [Fact]
    public async Task GetReturnsNullWhenThereIsNoEntity()
    {
        Assert.Null(await Table.GetEntityAsync("nobody", "nothing"));
    }

    [Fact]
    public async Task AddingTheSameKeysTwiceConflictsAndKeepsTheFirst()
    {
        await Table.AddEntityAsync(new TableEntity("p", "r") { ["Message"] = "first" });

        await Assert.ThrowsAsync<EntityAlreadyExistsException>(() =>
            Table.AddEntityAsync(new TableEntity("p", "r") { ["Message"] = "second" }));

        Assert.Equal("first", (await Table.GetEntityAsync("p", "r"))!.GetString("Message"));
    }

    [Fact]
    public async Task UpsertReplaceDropsPropertiesThatMergeKeeps()
    {
        await Table.UpsertEntityAsync(new TableEntity("p", "merge") { ["A"] = "a", ["B"] = 1 });
        await Table.UpsertEntityAsync(new TableEntity("p", "replace") { ["A"] = "a", ["B"] = 1 });

        await Table.UpsertEntityAsync(new TableEntity("p", "merge") { ["B"] = 2, ["C"] = true }, TableUpdateMode.Merge);
        await Table.UpsertEntityAsync(new TableEntity("p", "replace") { ["B"] = 2, ["C"] = true }, TableUpdateMode.Replace);

        var merged = (await Table.GetEntityAsync("p", "merge"))!;
        var replaced = (await Table.GetEntityAsync("p", "replace"))!;
        Assert.Equal(("a", 2, true), (merged.GetString("A"), merged.GetInt32("B"), merged.GetBoolean("C")));
        Assert.Null(replaced["A"]);
        Assert.Equal((2, true), (replaced.GetInt32("B")!.Value, replaced.GetBoolean("C")!.Value));
    }

    [Fact]
    public async Task UpsertCreatesWhenMissingAndChangesTheETag()
    {
        var first = await Table.UpsertEntityAsync(new TableEntity("p", "u") { ["N"] = 1 });
        var second = await Table.UpsertEntityAsync(new TableEntity("p", "u") { ["N"] = 2 });

        Assert.NotEqual(first, second);
        var read = (await Table.GetEntityAsync("p", "u"))!;
        Assert.Equal(2, read.GetInt32("N"));
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task UpdateWithAStaleETagIsRejectedAndChangesNothing()
    {
        await Table.AddEntityAsync(new TableEntity("p", "r") { ["Count"] = 1 });
        var alice = (await Table.GetEntityAsync("p", "r"))!;
        var bob = (await Table.GetEntityAsync("p", "r"))!;

        alice["Count"] = 2;
        await Table.UpdateEntityAsync(alice, alice.ETag, TableUpdateMode.Replace);
        bob["Count"] = 99;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Table.UpdateEntityAsync(bob, bob.ETag, TableUpdateMode.Replace));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Table.UpdateEntityAsync(bob, bob.ETag, TableUpdateMode.Merge));

        Assert.Equal(2, (await Table.GetEntityAsync("p", "r"))!.GetInt32("Count"));
    }

    [Fact]
    public async Task UpdateWithTheCurrentETagOrAnyVersionSucceeds()
    {
        await Table.AddEntityAsync(new TableEntity("p", "r") { ["Count"] = 1, ["Keep"] = "yes" });
        var read = (await Table.GetEntityAsync("p", "r"))!;

        var merge = new TableEntity("p", "r") { ["Count"] = 2 };
        var etag = await Table.UpdateEntityAsync(merge, read.ETag, TableUpdateMode.Merge);
        Assert.NotEqual(read.ETag, etag);
        await Table.UpdateEntityAsync(new TableEntity("p", "r") { ["Count"] = 3 }, ETag.All, TableUpdateMode.Merge);

        var final = (await Table.GetEntityAsync("p", "r"))!;
        Assert.Equal((3, "yes"), (final.GetInt32("Count")!.Value, final.GetString("Keep")));
    }

    [Fact]
    public async Task UpdatingAMissingEntityIsNotFound()
    {
        await Assert.ThrowsAsync<EntityNotFoundException>(() =>
            Table.UpdateEntityAsync(new TableEntity("p", "ghost") { ["X"] = 1 }, ETag.All));
    }

    [Fact]
    public async Task DeleteHonoursETagsAndReportsWhetherAnythingWasDeleted()
    {
        await Table.AddEntityAsync(new TableEntity("p", "r") { ["X"] = 1 });
        var stale = (await Table.GetEntityAsync("p", "r"))!.ETag;
        await Table.UpsertEntityAsync(new TableEntity("p", "r") { ["X"] = 2 });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Table.DeleteEntityAsync("p", "r", stale));
        Assert.NotNull(await Table.GetEntityAsync("p", "r"));

        var current = (await Table.GetEntityAsync("p", "r"))!.ETag;
        Assert.True(await Table.DeleteEntityAsync("p", "r", current));
        Assert.Null(await Table.GetEntityAsync("p", "r"));
        Assert.False(await Table.DeleteEntityAsync("p", "r"));
    }

    [Fact]
    public async Task ConcurrentWritersWithAnETagRetryLoopLoseNoIncrement()
    {
        await Table.AddEntityAsync(new TableEntity("counter", "kudos") { ["Value"] = 0 });
        var conflicts = 0;

        async Task IncrementAsync()
        {
            while (true)
            {
                var current = (await Table.GetEntityAsync("counter", "kudos"))!;
                current["Value"] = current.GetInt32("Value")!.Value + 1;
                try
                {
                    await Table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace);
                    return;
                }
                catch (ConcurrencyConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++) await IncrementAsync();
        })));

        Assert.Equal(200, (await Table.GetEntityAsync("counter", "kudos"))!.GetInt32("Value"));
    }

    [Fact]
    public async Task PagingOverMoreEntitiesThanOnePageReturnsEachOnceInKeyOrder()
    {
        for (var batch = 0; batch < 25; batch++)
        {
            var actions = Enumerable.Range(batch * 100, 100)
                .Select(i => TableTransactionAction.Add(new TableEntity("month-2026-11", $"k{i:D5}") { ["N"] = i }))
                .ToList();
            await Table.SubmitTransactionAsync(actions);
        }
        await Table.AddEntityAsync(new TableEntity("month-2026-12", "k00000") { ["N"] = -1 });

        var first = await Table.QueryPageAsync(TableQuery.InPartition("month-2026-11"));
        Assert.Equal(1000, first.Entities.Count);
        Assert.NotNull(first.ContinuationToken);

        var all = await Table.QueryAllAsync(TableQuery.InPartition("month-2026-11"));
        Assert.Equal(2500, all.Count);
        Assert.Equal(Enumerable.Range(0, 2500), all.Select(e => e.GetInt32("N")!.Value));

        var pages = 0;
        string? token = null;
        do
        {
            var page = await Table.QueryPageAsync(TableQuery.InPartition("month-2026-11").Take(300), token);
            Assert.True(page.Entities.Count <= 300);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);
        Assert.InRange(pages, 9, 10); // 2500 / 300, plus possibly one empty final page from the service
    }

    [Fact]
    public async Task RowKeyRangesAndPrefixesSelectTheRightEntities()
    {
        var keys = new[] { "2026-10|a", "2026-11|a", "2026-11|b", "2026-11|c", "2026-12|a", "2026-11" };
        await Table.SubmitTransactionAsync(keys.Select(k => TableTransactionAction.Add(new TableEntity("p", k))).ToList());

        var prefixed = await Table.QueryAllAsync(TableQuery.InPartition("p").RowKeyStartsWith("2026-11|"));
        Assert.Equal(["2026-11|a", "2026-11|b", "2026-11|c"], prefixed.Select(e => e.RowKey));

        var ranged = await Table.QueryAllAsync(TableQuery.InPartition("p").RowKeyBetween("2026-11|b", "2026-12"));
        Assert.Equal(["2026-11|b", "2026-11|c"], ranged.Select(e => e.RowKey));

        var from = await Table.QueryAllAsync(TableQuery.InPartition("p").RowKeyBetween("2026-12", null));
        Assert.Equal(["2026-12|a"], from.Select(e => e.RowKey));
    }

    [Fact]
    public async Task PartitionRangesSpanSeveralPartitions()
    {
        foreach (var pk in new[] { "kudos-2026-10", "kudos-2026-11", "kudos-2026-12", "support-2026-11" })
            await Table.AddEntityAsync(new TableEntity(pk, "r"));

        var kudos = await Table.QueryAllAsync(TableQuery.PartitionsStartingWith("kudos-"));
        Assert.Equal(["kudos-2026-10", "kudos-2026-11", "kudos-2026-12"], kudos.Select(e => e.PartitionKey));

        var window = await Table.QueryAllAsync(TableQuery.AcrossPartitions("kudos-2026-11", "kudos-2026-12"));
        Assert.Equal(["kudos-2026-11"], window.Select(e => e.PartitionKey));

        Assert.Equal(4, (await Table.QueryAllAsync(TableQuery.AcrossPartitions())).Count);
    }

    [Fact]
    public async Task PropertyFiltersCompareTypedValues()
    {
        var baseTime = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var target = Guid.NewGuid();
        var actions = Enumerable.Range(0, 10).Select(i => TableTransactionAction.Add(new TableEntity("p", $"r{i}")
        {
            ["Category"] = i % 2 == 0 ? "teamwork" : "teaching",
            ["Count"] = i,
            ["Big"] = i * 10_000_000_000L,
            ["Score"] = i / 4.0,
            ["Anonymous"] = i % 3 == 0,
            ["GivenAt"] = baseTime.AddDays(i),
            ["GiverId"] = i == 7 ? target : Guid.NewGuid(),
        })).ToList();
        actions.Add(TableTransactionAction.Add(new TableEntity("p", "untyped") { ["Count"] = "5" }));
        await Table.SubmitTransactionAsync(actions);

        async Task<string[]> RowsAsync(TableQuery q) => (await Table.QueryAllAsync(q)).Select(e => e.RowKey).ToArray();
        var p = TableQuery.InPartition("p");

        Assert.Equal(["r1", "r3", "r5", "r7", "r9"], await RowsAsync(p.Where("Category", FilterOperator.Equal, "teaching")));
        Assert.Equal(["r7", "r8", "r9"], await RowsAsync(p.Where("Count", FilterOperator.GreaterThan, 6)));
        Assert.Equal(["r0", "r1"], await RowsAsync(p.Where("Big", FilterOperator.LessThan, 20_000_000_000L)));
        Assert.Equal(["r8", "r9"], await RowsAsync(p.Where("Score", FilterOperator.GreaterThanOrEqual, 2.0)));
        Assert.Equal(["r0", "r3", "r6", "r9"], await RowsAsync(p.Where("Anonymous", FilterOperator.Equal, true)));
        Assert.Equal(["r5", "r6"], await RowsAsync(p.Where("GivenAt", FilterOperator.GreaterThanOrEqual, baseTime.AddDays(5))
                                                      .Where("GivenAt", FilterOperator.LessThan, baseTime.AddDays(7))));
        Assert.Equal(["r7"], await RowsAsync(p.Where("GiverId", FilterOperator.Equal, target)));
        Assert.Equal(["r0", "r2", "r4", "r6", "r8"], await RowsAsync(p.Where("Category", FilterOperator.NotEqual, "teaching")));
        Assert.Equal(["r4"], await RowsAsync(p.Where("Count", FilterOperator.Equal, 4).Where("Category", FilterOperator.Equal, "teamwork")));
        Assert.Equal(["untyped"], await RowsAsync(p.Where("Count", FilterOperator.Equal, "5")));
    }

    [Fact]
    public async Task ATransactionWritesAllOfItsActions()
    {
        await Table.AddEntityAsync(new TableEntity("t", "update") { ["V"] = 1 });
        await Table.AddEntityAsync(new TableEntity("t", "delete") { ["V"] = 1 });
        var current = (await Table.GetEntityAsync("t", "update"))!.ETag;

        var etags = await Table.SubmitTransactionAsync(
        [
            TableTransactionAction.Add(new TableEntity("t", "add") { ["V"] = 1 }),
            TableTransactionAction.Upsert(new TableEntity("t", "upsert") { ["V"] = 2 }, TableUpdateMode.Replace),
            TableTransactionAction.Update(new TableEntity("t", "update") { ["V"] = 3 }, current),
            TableTransactionAction.Delete(new TableEntity("t", "delete")),
        ]);

        Assert.Equal(4, etags.Count);
        var rows = (await Table.QueryAllAsync(TableQuery.InPartition("t"))).ToDictionary(e => e.RowKey, e => e.GetInt32("V"));
        Assert.Equal(new Dictionary<string, int?> { ["add"] = 1, ["update"] = 3, ["upsert"] = 2 }, rows);
        Assert.Equal(etags[2], (await Table.GetEntityAsync("t", "update"))!.ETag);
    }

    [Fact]
    public async Task ATransactionWithOneBadActionWritesNothing()
    {
        await Table.AddEntityAsync(new TableEntity("t", "exists") { ["V"] = "original" });

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Table.SubmitTransactionAsync(
        [
            TableTransactionAction.Add(new TableEntity("t", "new-1") { ["V"] = "x" }),
            TableTransactionAction.Upsert(new TableEntity("t", "new-2") { ["V"] = "x" }),
            TableTransactionAction.Add(new TableEntity("t", "exists") { ["V"] = "overwritten?" }),
            TableTransactionAction.Add(new TableEntity("t", "new-3") { ["V"] = "x" }),
        ]));

        Assert.Equal(2, failure.FailedActionIndex);
        Assert.IsType<EntityAlreadyExistsException>(failure.Cause);
        var rows = await Table.QueryAllAsync(TableQuery.InPartition("t"));
        Assert.Equal(["exists"], rows.Select(e => e.RowKey));
        Assert.Equal("original", rows[0].GetString("V"));
    }

    [Fact]
    public async Task ATransactionWithAStaleETagWritesNothing()
    {
        await Table.AddEntityAsync(new TableEntity("t", "a") { ["V"] = 1 });
        var stale = (await Table.GetEntityAsync("t", "a"))!.ETag;
        await Table.UpsertEntityAsync(new TableEntity("t", "a") { ["V"] = 2 });

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Table.SubmitTransactionAsync(
        [
            TableTransactionAction.Add(new TableEntity("t", "b")),
            TableTransactionAction.Update(new TableEntity("t", "a") { ["V"] = 3 }, stale),
        ]));

        Assert.Equal(1, failure.FailedActionIndex);
        Assert.IsType<ConcurrencyConflictException>(failure.Cause);
        Assert.Null(await Table.GetEntityAsync("t", "b"));
        Assert.Equal(2, (await Table.GetEntityAsync("t", "a"))!.GetInt32("V"));
    }

    [Fact]
    public async Task TransactionsBreakingTheServiceRulesAreRefusedBeforeSending()
    {
        var mixed = new[]
        {
            TableTransactionAction.Add(new TableEntity("a", "1")),
            TableTransactionAction.Add(new TableEntity("b", "1")),
        };
        var tooMany = Enumerable.Range(0, 101).Select(i => TableTransactionAction.Add(new TableEntity("a", $"{i}"))).ToArray();

        Assert.Contains("one partition", (await Assert.ThrowsAsync<TableValidationException>(() => Table.SubmitTransactionAsync(mixed))).Message);
        Assert.Contains("at most 100", (await Assert.ThrowsAsync<TableValidationException>(() => Table.SubmitTransactionAsync(tooMany))).Message);
        Assert.Empty(await Table.QueryAllAsync(TableQuery.AcrossPartitions()));
    }

    public static TheoryData<string, string> ForbiddenKeys => new()
    {
        { "has/slash", "r" }, { "p", "back\\slash" }, { "hash#tag", "r" }, { "p", "question?" },
        { "tab\tkey", "r" }, { "p", "nul\0" }, { "p", "del\u007f" }, { "p", "c1\u0085" }, { new string('k', 513), "r" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenKeys))]
    public async Task ForbiddenKeysAreRejectedBeforeAnyRequest(string partitionKey, string rowKey)
    {
        // A table that was never created: if anything reached the backend it would say "table not found" instead.
        var missing = Store.GetTableClient(UniqueTableName());
        var entity = new TableEntity(partitionKey, rowKey) { ["X"] = 1 };

        await Assert.ThrowsAsync<TableValidationException>(() => missing.AddEntityAsync(entity));
        await Assert.ThrowsAsync<TableValidationException>(() => missing.UpsertEntityAsync(entity));
        await Assert.ThrowsAsync<TableValidationException>(() => missing.GetEntityAsync(partitionKey, rowKey));
        await Assert.ThrowsAsync<TableValidationException>(() => missing.DeleteEntityAsync(partitionKey, rowKey));
        await Assert.ThrowsAsync<TableValidationException>(() => missing.SubmitTransactionAsync([TableTransactionAction.Add(entity)]));
    }

    [Fact]
    public async Task EntitiesOverTheServiceLimitsAreRejectedBeforeAnyRequest()
    {
        var missing = Store.GetTableClient(UniqueTableName());
        var tooManyProperties = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++) tooManyProperties[$"P{i}"] = i;
        var tooLongText = new TableEntity("p", "r") { ["Note"] = new string('x', 32_769) };
        var tooLargeEntity = new TableEntity("p", "r");
        for (var i = 0; i < 20; i++) tooLargeEntity[$"Chunk{i}"] = new string('y', 30_000);
        var badName = new TableEntity("p", "r") { ["has space"] = 1 };
        var reservedName = new TableEntity("p", "r") { ["Timestamp"] = 1 };

        foreach (var (entity, expected) in new[]
                 {
                     (tooManyProperties, "at most 252"), (tooLongText, "32768"), (tooLargeEntity, "1024 KiB"),
                     (badName, "not allowed"), (reservedName, "reserved"),
                 })
        {
            var error = await Assert.ThrowsAsync<TableValidationException>(() => missing.UpsertEntityAsync(entity));
            Assert.Contains(expected, error.Message);
        }
        Assert.Throws<TableValidationException>(() => Store.GetTableClient("bad-name"));
        Assert.Throws<TableValidationException>(() => Store.GetTableClient("tables"));
    }

    [Fact]
    public async Task OperationsOnATableThatWasNeverCreatedSaySo()
    {
        var missing = Store.GetTableClient(UniqueTableName());

        await Assert.ThrowsAsync<TableNotFoundException>(() => missing.AddEntityAsync(new TableEntity("p", "r")));
        await Assert.ThrowsAsync<TableNotFoundException>(() => missing.GetEntityAsync("p", "r"));
        await Assert.ThrowsAsync<TableNotFoundException>(() => missing.QueryPageAsync(TableQuery.InPartition("p")));
    }

    [Fact]
    public async Task CreatingATableTwiceIsHarmlessAndKeepsItsData()
    {
        await Table.AddEntityAsync(new TableEntity("p", "r"));
        var again = Store.GetTableClient(Table.Name.ToUpperInvariant());
        await again.CreateIfNotExistsAsync();
        Assert.NotNull(await again.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task AForeignContinuationTokenIsAClearError()
    {
        var error = await Assert.ThrowsAsync<TableValidationException>(() => Table.QueryPageAsync(TableQuery.InPartition("p"), "not-a-token"));
        Assert.Contains("continuation token", error.Message);
    }

    [Fact]
    public async Task TheHealthCheckReportsAReachableStore()
    {
        var health = await Store.CheckHealthAsync();
        Assert.True(health.IsHealthy, health.Description);
    }
}
