using System.Text.Json;
using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Events;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Learnings;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Tests.Learnings;

public sealed class LearningPassTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private LearningPass Pass()
    {
        var clock = new MovableClock(At.AddDays(2));
        var store = new MemoryStore(database.DataSource, LocalMiniLmEmbedder.Shared, clock);
        var extractor = new LearningExtractor(new DatabaseLearningFacts(database.DataSource, clock));
        return new LearningPass(database.DataSource, new EventStore(database.DataSource, clock), store, extractor, clock);
    }

    private static NewEvent Event(string type, string data, int minutes) =>
        new(Guid.NewGuid(), type, At.AddMinutes(minutes), "sandbox", JsonDocument.Parse(data).RootElement.Clone());

    [Fact]
    public async Task The_worker_cursor_learns_from_each_event_once_and_a_second_host_skips_while_the_cursor_is_held()
    {
        await using (var db = database.CreateContext())
        {
            db.Products.Add(new Product { Id = "p_5", Sku = "S5", Title = "Serum", Category = "beauty", Price = 30m, UnitCost = 8m, ShippingCost = 2m, PlatformFeePct = 8m, Stock = 10, ReorderPoint = 5, Status = "active", CreatedAt = At.AddDays(-30) });
            db.AdCampaigns.Add(new AdCampaign { Id = "cmp_1", Platform = "meta_ads", Name = "Autumn", Objective = "sales", Status = "active", StartedAt = At.AddDays(-30) });
            db.AdSets.Add(new AdSet { Id = "as_3", CampaignId = "cmp_1", ProductId = "p_5", Name = "Serum", DailyBudget = 100m, Status = "paused", CreatedAt = At.AddDays(-30) });
            await db.SaveChangesAsync();
        }
        var store = new EventStore(database.DataSource, TimeProvider.System);
        await store.AppendAsync(
        [
            Event("AdSetPaused", """{ "ad_set_id": "as_3", "reason": "roas_below_kill_switch", "roas_7d": 0.8 }""", 0),
            Event("OrderPlaced", """{ "order_id": "o_1", "customer_id": "c_1", "channel": "shopify", "total": 10, "currency": "AUD" }""", 1),
            Event("ReconciliationMismatch", """{ "reconciliation_id": "rec_1", "expected": 100, "actual": 90 }""", 2),
        ]);

        var first = await Pass().RunOnceAsync(batchSize: 2);
        var second = await Pass().RunOnceAsync(batchSize: 2);
        var third = await Pass().RunOnceAsync(batchSize: 2);

        Assert.Equal((true, 2, 1, 2L), (first.Claimed, first.EventsRead, first.MemoriesWritten, first.LastSequence));
        Assert.Equal((true, 1, 1, 3L), (second.Claimed, second.EventsRead, second.MemoriesWritten, second.LastSequence));
        Assert.Equal((true, 0, 0), (third.Claimed, third.EventsRead, third.MemoriesWritten));
        await using (var db = database.CreateContext())
        {
            var memories = await db.LongTermMemories.OrderBy(m => m.CreatedAt).ThenBy(m => m.Kind).ToListAsync();
            Assert.Equal(2, memories.Count);
            Assert.All(memories, m => Assert.Equal(1, m.ConfirmationCount));
            var adMemory = Assert.Single(memories, m => m.Kind == "ad_outcome");
            Assert.Equal(("product", "p_5"), (adMemory.Scope, adMemory.ScopeKey));
            Assert.Equal(1, adMemory.Evidence.RootElement[0].GetProperty("sequence").GetInt64());
        }

        // While one host holds the cursor row, another host's pass claims nothing and writes nothing.
        await using var holder = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockCursor = new Npgsql.NpgsqlCommand("SELECT 1 FROM learning_cursors WHERE name = 'learnings' FOR UPDATE", holder, transaction))
            await lockCursor.ExecuteNonQueryAsync();
        await store.AppendAsync([Event("ReconciliationMismatch", """{ "reconciliation_id": "rec_2", "expected": 50, "actual": 20 }""", 3)]);
        var blocked = await Pass().RunOnceAsync();
        await transaction.RollbackAsync();
        var resumed = await Pass().RunOnceAsync();

        Assert.False(blocked.Claimed);
        Assert.Equal((true, 1, 4L), (resumed.Claimed, resumed.EventsRead, resumed.LastSequence));
    }
}
