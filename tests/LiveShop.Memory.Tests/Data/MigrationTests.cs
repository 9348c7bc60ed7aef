using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Tests.Data;

public sealed class MigrationTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        // Migrations are the owner role's job.
        await using var context = LiveShop.Memory.Database.LiveShopDataSource.CreateContext(database.OwnerDataSource);
        Assert.NotEmpty(await context.Database.GetPendingMigrationsAsync());

        await context.Database.MigrateAsync();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Contains("20261125085931_BusinessModel", await context.Database.GetAppliedMigrationsAsync());
        Assert.False(context.Database.HasPendingModelChanges(), "the model has changes no migration captures");

        var tables = await QueryStringsAsync(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        foreach (var expected in new[] { "products", "orders", "order_lines", "ledger_lines", "agent_tasks", "approvals",
                     "knowledge_chunks", "long_term_memories", "ad_set_daily_metrics", "conversation_messages", "business_events" })
            Assert.Contains(expected, tables);

        var chunkIndexes = await QueryStringsAsync("SELECT indexdef FROM pg_indexes WHERE tablename = 'knowledge_chunks'");
        Assert.Contains(chunkIndexes, d => d.Contains("USING hnsw (embedding vector_cosine_ops)"));
        Assert.Contains(chunkIndexes, d => d.Contains("USING gin (search_vector)"));

        var generated = await QueryStringsAsync(
            "SELECT generation_expression FROM information_schema.columns WHERE table_name = 'knowledge_chunks' AND column_name = 'search_vector'");
        Assert.Contains("to_tsvector('english'", Assert.Single(generated));

        var embeddingType = await QueryStringsAsync(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'knowledge_chunks'::regclass AND attname = 'embedding'");
        Assert.Equal("vector(384)", Assert.Single(embeddingType));
    }

    private async Task<List<string>> QueryStringsAsync(string sql)
    {
        await using var connection = await database.OwnerDataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}

public sealed class RedatedMigrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_database_migrated_when_the_chat_tables_had_their_future_id_migrates_again_without_error()
    {
        await using (var history = database.OwnerDataSource.CreateCommand(
            """UPDATE "__EFMigrationsHistory" SET migration_id = '20261126120000_ChatMessaging' WHERE migration_id = '20261125094639_ChatMessaging'"""))
            Assert.Equal(1, await history.ExecuteNonQueryAsync());

        var access = await LiveShop.Memory.Database.DatabaseProvisioning.MigrateAndGrantAsync(database.Logins, database.DataSource);

        Assert.Equal(1, access.MigrationsApplied);
        await using var context = database.CreateContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }
}
