using LiveShop.Memory.Database;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Memory.Tests.Database;

/// <summary>
/// The hot-path connections: snapshot reads (one REPEATABLE READ, READ ONLY snapshot per batch) and writes (read-write,
/// a batch atomic), both few and never reset.
/// </summary>
public sealed class HotPathConnectionsTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const long BarrierLock = 7_250_001;

    public async Task InitializeAsync()
    {
        // Probe tables of the tests' own: created by the owner, granted to the application role the connections log in as.
        var application = DatabaseProvisioning.RoleOf(database.ConnectionString);
        await using var command = database.OwnerDataSource.CreateCommand(
            $"""
            CREATE TABLE IF NOT EXISTS snapshot_probe (id serial PRIMARY KEY); CREATE TABLE IF NOT EXISTS write_probe (id int PRIMARY KEY);
            GRANT SELECT, INSERT ON snapshot_probe, write_probe TO "{application}"; GRANT USAGE ON SEQUENCE snapshot_probe_id_seq TO "{application}"
            """);
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_batch_reads_one_snapshot_even_when_another_session_commits_between_its_queries()
    {
        var snapshot = LiveShopDataSource.SnapshotReadsOf(database.DataSource);
        await using var writer = await database.DataSource.OpenConnectionAsync();
        await Execute(writer, $"SELECT pg_advisory_lock({BarrierLock})");

        await using var reader = await snapshot.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(reader)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT count(*) FROM snapshot_probe"),
                // Waits here until the writer has committed its row and let go of the lock.
                new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock_shared({BarrierLock})"),
                new NpgsqlBatchCommand("SELECT count(*) FROM snapshot_probe"),
                new NpgsqlBatchCommand("SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')"),
            },
        };
        var reading = ReadAllAsync(batch);
        await WaitUntilBlockedAsync(database.DataSource);
        await Execute(writer, "INSERT INTO snapshot_probe DEFAULT VALUES");
        await Execute(writer, $"SELECT pg_advisory_unlock({BarrierLock})");
        var results = await reading;

        Assert.Equal(results[0], results[2]);
        Assert.Equal("repeatable read|on", results[3]);
        // The writer's row is there for the next batch.
        Assert.Equal(long.Parse(results[0]) + 1, await Count(snapshot));
    }

    [Fact]
    public async Task Snapshot_reads_cannot_write()
    {
        await using var command = LiveShopDataSource.SnapshotReadsOf(database.DataSource).CreateCommand("INSERT INTO snapshot_probe DEFAULT VALUES");
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
    }

    [Fact]
    public void Snapshot_reads_keep_few_connections_and_skip_the_reset_on_close()
    {
        var settings = new NpgsqlConnectionStringBuilder(LiveShopDataSource.SnapshotReadsOf(database.DataSource).ConnectionString);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(HotPathConnections.ConnectionsPerCore * Environment.ProcessorCount, settings.MaxPoolSize);
        Assert.Same(LiveShopDataSource.SnapshotReadsOf(database.DataSource), LiveShopDataSource.SnapshotReadsOf(database.DataSource));
    }

    [Fact]
    public async Task Only_data_sources_of_the_product_have_snapshot_reads()
    {
        await using var foreign = NpgsqlDataSource.Create(database.ConnectionString);
        var error = Assert.Throws<InvalidOperationException>(() => LiveShopDataSource.SnapshotReadsOf(foreign));
        Assert.Contains("LiveShopDataSource.Create", error.Message);
    }

    [Fact]
    public async Task A_batch_writes_all_or_nothing_in_the_default_isolation()
    {
        var writes = LiveShopDataSource.HotPathWritesOf(database.DataSource);
        await using (var connection = await writes.OpenConnectionAsync())
        {
            await using var failing = new NpgsqlBatch(connection)
            {
                BatchCommands = { new NpgsqlBatchCommand("INSERT INTO write_probe VALUES (1)"), new NpgsqlBatchCommand("INSERT INTO write_probe VALUES (1)") },
            };
            await Assert.ThrowsAsync<PostgresException>(() => failing.ExecuteNonQueryAsync());
        }
        await using (var connection = await writes.OpenConnectionAsync())
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { new NpgsqlBatchCommand("INSERT INTO write_probe VALUES (2)"), new NpgsqlBatchCommand("INSERT INTO write_probe VALUES (3)") },
            };
            Assert.Equal(2, await batch.ExecuteNonQueryAsync());
        }
        await using (var settingsCommand = writes.CreateCommand("SELECT current_setting('transaction_isolation') || '|' || current_setting('transaction_read_only')"))
            Assert.Equal("read committed|off", await settingsCommand.ExecuteScalarAsync());

        await using var count = database.DataSource.CreateCommand("SELECT string_agg(id::text, ',' ORDER BY id) FROM write_probe");
        Assert.Equal("2,3", await count.ExecuteScalarAsync()); // the failed batch left nothing behind
        var settings = new NpgsqlConnectionStringBuilder(writes.ConnectionString);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(HotPathConnections.ConnectionsPerCore * Environment.ProcessorCount, settings.MaxPoolSize);
    }

    private static async Task<string[]> ReadAllAsync(NpgsqlBatch batch)
    {
        var values = new List<string>();
        await using var reader = await batch.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
                values.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)))));
        }
        while (await reader.NextResultAsync());
        return [.. values];
    }

    // The batch has taken its snapshot once its session waits for the barrier lock.
    private static async Task WaitUntilBlockedAsync(NpgsqlDataSource dataSource)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            await using var command = dataSource.CreateCommand(
                $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = {BarrierLock % (1L << 32)}");
            if ((long)(await command.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(10);
        }
        throw new TimeoutException("the snapshot batch never reached the barrier lock");
    }

    private static async Task<long> Count(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM snapshot_probe");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
