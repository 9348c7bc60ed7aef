using LiveShop.Memory.Events;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Memory.Tests.Events;

public sealed class EventStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly EventStore _store = new(database.DataSource, TimeProvider.System);

    [Fact]
    public async Task Same_event_id_in_one_batch_and_across_batches_is_stored_once()
    {
        var id = Guid.NewGuid();
        var before = await _store.CountAsync();

        var first = await _store.AppendAsync([TestEvents.Order(1, id), TestEvents.Order(1, id)]);
        var second = await _store.AppendAsync(TestEvents.Order(1, id));

        Assert.Equal((1, 1), (first.Appended, first.Duplicates));
        Assert.Equal((0, 1), (second.Appended, second.Duplicates));
        Assert.Equal(first.LastSequence, second.LastSequence);
        Assert.Equal(before + 1, await _store.CountAsync());
        await using var count = database.DataSource.CreateCommand("SELECT count(*) FROM business_events WHERE event_id = $1");
        count.Parameters.Add(new() { Value = id });
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Chain_stays_intact_across_batches_with_contiguous_sequences()
    {
        var start = (await _store.AppendAsync(TestEvents.Orders(5))).LastSequence;
        await _store.AppendAsync(TestEvents.Orders(40, 100));
        var last = await _store.AppendAsync(TestEvents.Orders(3, 200));

        Assert.Equal(start + 43, last.LastSequence);
        var verification = await _store.VerifyChainAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(await _store.CountAsync(), verification.EventsChecked);

        var read = await _store.ReadAsync(start, 2);
        Assert.Equal([start + 1, start + 2], read.Select(e => e.Sequence));
        Assert.Equal("OrderPlaced", read[0].Type);
        Assert.Equal(64, read[0].Hash.Length);
        Assert.Equal("o_100", read[0].Data.GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task Occurred_at_is_stored_and_hashed_at_microsecond_precision()
    {
        var precise = TestEvents.Order(7) with { OccurredAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(10)).AddTicks(1_234_567) };
        var result = await _store.AppendAsync(precise);

        var stored = Assert.Single(await _store.ReadAsync(result.LastSequence - 1, 1));
        Assert.Equal(precise.OccurredAt.UtcTicks - 7, stored.OccurredAt.UtcTicks);
        Assert.True((await _store.VerifyChainAsync()).Intact);
    }

    [Theory]
    [InlineData("UPDATE business_events SET source = 'x'", "UPDATE")]
    [InlineData("DELETE FROM business_events", "DELETE")]
    [InlineData("TRUNCATE business_events", "TRUNCATE")]
    public async Task Database_refuses_to_change_or_remove_events(string sql, string operation)
    {
        await _store.AppendAsync(TestEvents.Orders(2));
        var before = await _store.CountAsync();

        // As the owner, who holds every privilege on the table: the triggers refuse even it (the application role is
        // refused earlier, by its grants; see ApplicationRoleTests).
        await using var command = database.OwnerDataSource.CreateCommand(sql);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("business_events is append-only", error.MessageText);
        Assert.Contains(operation, error.MessageText);
        Assert.Equal(before, await _store.CountAsync());
    }

    [Fact]
    public async Task Invalid_event_is_refused_and_nothing_of_the_batch_is_written()
    {
        var before = await _store.CountAsync();
        var bad = TestEvents.WithData("RefundProcessed", """{ "refund_id": "r_1", "order_id": "o_1" }""");

        var error = await Assert.ThrowsAsync<EventValidationException>(() => _store.AppendAsync([TestEvents.Order(1), bad]));

        Assert.Equal("[1].data.amount", Assert.Single(error.Errors).Path);
        Assert.Equal(before, await _store.CountAsync());
    }

    [Fact]
    public async Task Concurrent_appenders_build_one_intact_chain()
    {
        var before = await _store.CountAsync();
        var shared = Guid.NewGuid();
        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var batch = 0; batch < 4; batch++)
            {
                var events = TestEvents.Orders(49, t * 1000 + batch * 50).Append(TestEvents.Order(0, shared)).ToArray();
                await _store.AppendAsync(events);
            }
        }));
        await Task.WhenAll(tasks);

        Assert.Equal(before + 8 * 4 * 49 + 1, await _store.CountAsync());
        var verification = await _store.VerifyChainAsync();
        Assert.True(verification.Intact, verification.Problem);
        await using var gaps = database.DataSource.CreateCommand("SELECT max(sequence) - count(*) FROM business_events");
        Assert.Equal(0L, await gaps.ExecuteScalarAsync());
    }
}
