using LiveShop.Memory.Clock;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Sandbox;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Memory.Tests.Clock;

/// <summary>The business clock: the host's clock, until the database holds a sandbox simulation, then the simulation's.</summary>
public sealed class BusinessClockTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private sealed class Contexts(TestDatabase database) : IDbContextFactory<LiveShopDbContext>
    {
        public LiveShopDbContext CreateDbContext() => database.CreateContext();
    }

    [Fact]
    public async Task Without_a_simulation_it_is_the_host_clock_and_with_one_it_is_the_simulated_now()
    {
        var host = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero));
        var clock = new BusinessClock(new Contexts(database), host);
        Assert.False(clock.IsSandbox);
        Assert.Equal(host.GetUtcNow(), await clock.NowAsync());
        Assert.False(clock.IsSandbox);

        var simulated = new DateTimeOffset(2026, 9, 14, 0, 0, 0, TimeSpan.Zero);
        await using (var db = database.CreateContext())
        {
            db.SandboxStates.Add(new SandboxState { Seed = 7, StartDate = new DateOnly(2026, 9, 1), SimulatedNow = simulated, HiddenState = "{}", UpdatedAt = host.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        Assert.Equal(simulated, await clock.NowAsync());
        Assert.True(clock.IsSandbox);
        // The host clock moving does not move the business: only the simulation does.
        host.Advance(TimeSpan.FromHours(5));
        Assert.Equal(simulated, await clock.NowAsync());
        Assert.True(new BusinessClock(new Contexts(database), host).IsSandbox);
    }
}
