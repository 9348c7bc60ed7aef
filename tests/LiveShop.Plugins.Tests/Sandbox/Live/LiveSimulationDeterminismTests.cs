namespace LiveShop.Plugins.Tests.Sandbox.Live;

public sealed class LiveSimulationDeterminismTests
{
    [Fact]
    public async Task Same_seed_and_anchor_advanced_three_days_write_identical_events_and_rows_in_two_databases()
    {
        await using var first = new SeparateDatabase();
        await using var second = new SeparateDatabase();
        await using var other = new SeparateDatabase();
        await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync(), other.InitializeAsync());

        var a = await (await LiveWorld.SeedAsync(first)).AdvanceAsync(3);
        var b = await (await LiveWorld.SeedAsync(second)).AdvanceAsync(3);
        var c = await (await LiveWorld.SeedAsync(other, seed: 43)).AdvanceAsync(3);

        Assert.True(a.Orders > 0 && a.EventsWritten > 100, $"{a.Orders} orders, {a.EventsWritten} events");
        Assert.Equal(a.Days, b.Days);
        Assert.Equal(await LiveWorld.EventStreamAsync(first), await LiveWorld.EventStreamAsync(second));
        Assert.Equal(await LiveWorld.RowDigestAsync(first), await LiveWorld.RowDigestAsync(second));
        Assert.NotEqual(await LiveWorld.EventStreamAsync(first), await LiveWorld.EventStreamAsync(other));
    }

    [Fact]
    public async Task Advancing_two_days_in_one_go_equals_one_day_then_another_after_a_restart()
    {
        await using var inOneGo = new SeparateDatabase();
        await using var resumed = new SeparateDatabase();
        await Task.WhenAll(inOneGo.InitializeAsync(), resumed.InitializeAsync());

        await (await LiveWorld.SeedAsync(inOneGo)).AdvanceAsync(2);
        await (await LiveWorld.SeedAsync(resumed)).AdvanceAsync(1);
        await LiveWorld.Over(resumed).AdvanceAsync(1);

        Assert.Equal(await LiveWorld.EventStreamAsync(inOneGo), await LiveWorld.EventStreamAsync(resumed));
        Assert.Equal(await LiveWorld.RowDigestAsync(inOneGo), await LiveWorld.RowDigestAsync(resumed));
        var position = await LiveWorld.Over(resumed).GetPositionAsync();
        Assert.Equal(LiveWorld.Anchor.AddDays(2), DateOnly.FromDateTime(position!.SimulatedNow.UtcDateTime));
        Assert.Equal(9, position.DaysPlayed);
    }
}
