using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Seeding;
using LiveShop.Plugins.Sandbox.Simulation;
using LiveShop.Plugins.Tests.Functions;
using LiveShop.Testing;

namespace LiveShop.Plugins.Tests.Families;

/// <summary>
/// A database seeded with 90 days of the sandbox business, and the same world kept in memory: tests compare what the
/// family sandboxes read from the database with figures computed straight from the simulated records.
/// </summary>
public sealed class SeededBusiness : TestDatabase, IAsyncLifetime
{
    public const int Seed = 42;
    public const int Days = 90;
    public static readonly DateOnly Anchor = new(2026, 11, 25);
    public static readonly DateTimeOffset Now = new(Anchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public SandboxWorld World { get; private set; } = null!;

    public TestContextFactory Contexts => new(this);

    public FixedClock Clock { get; } = new(Now);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new SandboxSeeder(CreateContext, new EventStore(DataSource, TimeProvider.System))
            .SeedAsync(new SeedOptions { Seed = Seed, Days = Days, AnchorDate = Anchor });
        World = SandboxSimulator.RunHistory(Seed, Days, Anchor);
    }
}
