using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Memory.Tests.Events;

public sealed class EventStoreBenchmarkTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Small_run_reports_both_throughputs_and_leaves_the_real_chain_untouched()
    {
        var progress = new StringWriter();

        // As bench events runs it: as the scratch database's owner, who may create the benchmark's tables.
        var report = await new EventStoreBenchmark().RunAsync(database.OwnerDataSource, 1500, progress, CancellationToken.None);

        Assert.Equal(1500, report.Count);
        Assert.True(report.EventsPerSecond > 0 && report.CopyRowsPerSecond > 0);
        var lines = report.RenderLines().ToList();
        Assert.Contains(lines, l => l.StartsWith("events_per_second: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("copy_rows_per_second: ", StringComparison.Ordinal));
        Assert.Matches(@"^ratio: \d+\.\d\d$", lines.Single(l => l.StartsWith("ratio", StringComparison.Ordinal)));
        Assert.Equal(0, await new EventStore(database.DataSource, TimeProvider.System).CountAsync());
        await using var leftovers = database.DataSource.CreateCommand("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'bench_%'");
        Assert.Equal(0L, await leftovers.ExecuteScalarAsync());
    }
}
