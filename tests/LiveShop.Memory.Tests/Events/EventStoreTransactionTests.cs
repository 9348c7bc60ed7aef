using System.Text.Json;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Memory.Tests.Events;

public sealed class EventStoreTransactionTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static NewEvent Paused(string adSetId) => new(Guid.NewGuid(), "AdSetPaused", DateTimeOffset.UtcNow, "tiktok_ads",
        JsonSerializer.SerializeToElement(new { ad_set_id = adSetId, reason = "roas below floor" }));

    [Fact]
    public async Task Events_appended_in_a_callers_transaction_vanish_with_its_rollback_and_stay_with_its_commit()
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        var before = await store.CountAsync();

        await using (var connection = await database.DataSource.OpenConnectionAsync())
        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await store.AppendAsync([Paused("as_1"), Paused("as_2")], rolledBack);
            await rolledBack.RollbackAsync();
        }
        Assert.Equal(before, await store.CountAsync());

        await using (var connection = await database.DataSource.OpenConnectionAsync())
        await using (var committed = await connection.BeginTransactionAsync())
        {
            var result = await store.AppendAsync([Paused("as_3"), Paused("as_4")], committed);
            Assert.Equal(2, result.Appended);
            await committed.CommitAsync();
        }
        Assert.Equal(before + 2, await store.CountAsync());
        Assert.True((await store.VerifyChainAsync()).Intact);
    }
}
