using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Memory.Database;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Kernel.Tests.Facts;

/// <summary>On snapshot-reads connections, the facts batch is one read-only snapshot transaction in its one round trip.</summary>
public sealed class FactsBatchTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task Every_read_runs_in_one_read_only_repeatable_read_transaction_that_ends_with_the_batch()
    {
        var seen = new List<string>();
        var batch = new FactsBatch();
        batch.Add("SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only'), txid_current_if_assigned() IS NULL",
            r => seen.Add($"{r.GetString(0)}/{r.GetString(1)}/{r.GetBoolean(2)}"));
        batch.Add("SELECT now()::text", r => seen.Add(r.GetString(0)));
        batch.Add("SELECT statement_timestamp() = now()", r => seen.Add(r.GetBoolean(0).ToString()));
        await using var connection = await LiveShopDataSource.SnapshotReadsOf(database.DataSource).OpenConnectionAsync();
        await batch.ExecuteAsync(connection, CancellationToken.None);

        Assert.Equal("repeatable read/on/True", seen[0]);
        Assert.Equal(3, seen.Count);
        // Ended: the next statement runs in a transaction of its own (a fresh now()), again a snapshot one.
        await using var command = new NpgsqlCommand("SELECT now()::text, current_setting('transaction_isolation')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.NotEqual(seen[1], reader.GetString(0));
        Assert.Equal("repeatable read", reader.GetString(1));
    }

    [Fact]
    public async Task A_failed_read_leaves_the_pooled_connection_usable()
    {
        await using var single = HotPathConnections.CreateSnapshotReads(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        var batch = new FactsBatch();
        batch.Add("SELECT 1 / (SELECT 0)", _ => { });
        await using (var connection = await single.OpenConnectionAsync())
            await Assert.ThrowsAsync<PostgresException>(() => batch.ExecuteAsync(connection, CancellationToken.None));

        await using var again = await single.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT 42", again);
        Assert.Equal(42, await command.ExecuteScalarAsync());
    }
}
