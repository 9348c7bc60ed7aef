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
