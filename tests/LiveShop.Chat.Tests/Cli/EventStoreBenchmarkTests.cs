using LiveShop.Bench.Verbs.Events;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Cli;

public sealed class EventStoreBenchmarkTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Small_run_reports_both_throughputs_appends_a_valid_chain_and_drops_its_copy_table()
    {
        var progress = new StringWriter();

        // As bench events runs it: on a fresh scratch database, as its owner, who may create the raw COPY table.
        var report = await new EventStoreBenchmark().RunAsync(database.OwnerDataSource, 1500, progress, CancellationToken.None);

        Assert.Equal(1500, report.Count);
        Assert.True(report.EventsPerSecond > 0 && report.CopyRowsPerSecond > 0);
        var lines = report.RenderLines().ToList();
        Assert.Contains(lines, l => l.StartsWith("events_per_second: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("copy_rows_per_second: ", StringComparison.Ordinal));
        Assert.Matches(@"^ratio: \d+\.\d\d$", lines.Single(l => l.StartsWith("ratio", StringComparison.Ordinal)));
        // The measured events and the warm-up's (as many again, this run being under 10 000) are on the scratch chain.
        Assert.Equal(3000, await new EventStore(database.DataSource, TimeProvider.System).CountAsync());
        await using var leftovers = database.DataSource.CreateCommand("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'bench_%'");
        Assert.Equal(0L, await leftovers.ExecuteScalarAsync());
    }
}

public sealed class EventStoreBenchmarkOnABusinessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_database_holding_events_is_refused_and_its_chain_left_as_it_was()
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        await store.AppendAsync(new NewEvent(Guid.NewGuid(), "OrderPlaced", DateTimeOffset.Parse("2026-11-01T00:00:00Z"), "shopify",
            System.Text.Json.JsonSerializer.SerializeToElement(new { order_id = "o_1", customer_id = "c_1", channel = "web", total = 10.0, currency = "AUD", lines = Array.Empty<object>() })));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new EventStoreBenchmark().RunAsync(database.OwnerDataSource, 100, TextWriter.Null, CancellationToken.None));

        Assert.Contains("holds 1 events", error.Message);
        Assert.Equal(1, await store.CountAsync());
    }
}
