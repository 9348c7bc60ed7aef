using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Live;
using LiveShop.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveShop.Plugins.Tests.Sandbox.Live;

public sealed class SandboxTickerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static SandboxTicker Ticker(TestDatabase database, bool paused = false) => new(
        new LiveSimulation(database.CreateContext, new EventStore(database.DataSource, TimeProvider.System), TimeProvider.System),
        database.DataSource,
        Options.Create(new SandboxOptions { Speed = 2 * 24 * 60, TickSeconds = 0.1, Paused = paused, MaxCatchUpDays = 0 }),
        TimeProvider.System, NullLogger<SandboxTicker>.Instance);

    [Fact]
    public async Task Two_tickers_on_one_database_only_the_lock_holder_advances_and_pause_stops_time()
    {
        var simulation = await LiveWorld.SeedAsync(database);
        var start = (await simulation.GetPositionAsync())!.DaysPlayed;
        using var first = Ticker(database);
        using var second = Ticker(database);
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await simulation.GetPositionAsync())!.DaysPlayed < start + 2 && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.True(first.Status.Ticking ^ second.Status.Ticking, "exactly one ticker holds the ticking lock");
        var (ticking, standby) = first.Status.Ticking ? (first, second) : (second, first);
        // A simulated day already in flight when pausing still commits: the pause completes once it has, then time stands still.
        await ticking.PauseAndSettleAsync(CancellationToken.None);
        var paused = (await simulation.GetPositionAsync())!.DaysPlayed;
        await Task.Delay(1500);
        Assert.Equal(paused, (await simulation.GetPositionAsync())!.DaysPlayed);
        Assert.True(ticking.Status.Paused);

        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);
        Assert.True(paused >= start + 2, $"played {paused - start} days");
        Assert.Equal(0, standby.Status.DaysPlayedHere);
        Assert.Equal(paused - start, ticking.Status.DaysPlayedHere);
        Assert.Null(ticking.Status.LastError);
    }
}
