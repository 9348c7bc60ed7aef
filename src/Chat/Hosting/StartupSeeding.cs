using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Seeding;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Writes the sandbox business into an empty database so a newcomer sees a living shop.</summary>
public static class StartupSeeding
{
    /// <summary>Seeds when configured to and the database holds no business; prints what it wrote.</summary>
    public static async Task SeedIfEmptyAsync(NpgsqlDataSource dataSource, LiveShopOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (!options.SeedWhenEmpty) return;
        var seeder = CreateSeeder(dataSource);
        if (!await seeder.IsEmptyAsync(cancellationToken)) return;
        log.WriteLine($"writing the sandbox business ({options.SandboxDays} days, seed {options.SandboxSeed})…");
        var report = await seeder.SeedAsync(SeedOptionsFor(options.SandboxSeed, options.SandboxDays), cancellationToken);
        log.WriteLine($"sandbox business written: {report.TotalRows} rows, {report.EventsWritten} events in {report.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The seeder over a database.</summary>
    public static SandboxSeeder CreateSeeder(NpgsqlDataSource dataSource) =>
        new(() => LiveShopDataSource.CreateContext(dataSource), new EventStore(dataSource, TimeProvider.System));

    /// <summary>History ending today (UTC), so the console's "last 30 days" is the seeded business.</summary>
    public static SeedOptions SeedOptionsFor(int seed, int days) =>
        new() { Seed = seed, Days = days, AnchorDate = DateOnly.FromDateTime(DateTime.UtcNow) };
}
