using System.Diagnostics;
using System.Text.Json;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Sandbox;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using LiveShop.Plugins.Sandbox.Seeding;
using LiveShop.Plugins.Sandbox.Shocks;
using LiveShop.Plugins.Sandbox.Simulation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LiveShop.Plugins.Sandbox.Live;

/// <summary>What one live simulated day wrote.</summary>
public sealed record SimulatedDay(
    DateOnly Date, int Orders, decimal Revenue, decimal AdSpend, int Refunds, decimal RefundAmount, int Chargebacks, int EventsWritten);

/// <summary>Several simulated days and how long they took.</summary>
public sealed record SimulationRun(IReadOnlyList<SimulatedDay> Days, TimeSpan Elapsed)
{
    public int Orders => Days.Sum(d => d.Orders);
    public decimal Revenue => Days.Sum(d => d.Revenue);
    public decimal AdSpend => Days.Sum(d => d.AdSpend);
    public int Refunds => Days.Sum(d => d.Refunds);
    public decimal RefundAmount => Days.Sum(d => d.RefundAmount);
    public int Chargebacks => Days.Sum(d => d.Chargebacks);
    public int EventsWritten => Days.Sum(d => d.EventsWritten);
}

/// <summary>Where the live simulation stands (nothing hidden: no traits, no pending work).</summary>
public sealed record SandboxPosition(int Seed, DateTimeOffset SimulatedNow, long DaysPlayed, DateTimeOffset UpdatedAt);

/// <summary>
/// Plays the sandbox business forward one simulated day at a time against the business database. Each day rebuilds
/// the world from the database (so what agents changed through connectors — a paused ad set, a new price, stock —
/// takes effect), plays it with a random source derived from (seed, day number), and writes its rows, its events and
/// the simulation's next state in one transaction. Same seed and same starting database → same rows and events.
/// </summary>
public sealed class LiveSimulation(Func<LiveShopDbContext> createContext, EventStore eventStore, TimeProvider timeProvider)
{
    private readonly CustomerBook _book = new();

    /// <summary>Where the simulation stands, or null when the database holds no sandbox business.</summary>
    public async Task<SandboxPosition?> GetPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var context = createContext();
        var state = await context.SandboxStates.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return state is null ? null : new SandboxPosition(state.Seed, state.SimulatedNow, state.StepIndex, state.UpdatedAt);
    }

    /// <summary>
    /// Adds shocks (as <c>simulate --shock</c> takes them, day 1 = the next day to be played) to the hidden world, after
    /// checking that each names a product, supplier, category or provider the business has; returns them as stored.
    /// Throws <see cref="InvalidShockException"/> naming the field, and adds none, when one is wrong.
    /// </summary>
    public async Task<IReadOnlyList<SandboxShock>> AddShocksAsync(IReadOnlyList<string> shocks, CancellationToken cancellationToken = default)
    {
        if (shocks.Count == 0) return [];
        await using var context = createContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var state = await context.SandboxStates.FromSqlRaw("SELECT * FROM sandbox_state WHERE id = 1 FOR UPDATE").AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("the database holds no sandbox simulation state (sandbox_state is empty); seed a sandbox business first");
        var products = await context.Products.AsNoTracking().Select(p => new { p.Id, p.Category }).ToListAsync(cancellationToken);
        var suppliers = await context.Suppliers.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken);
        var targets = new ShockTargets(products.Select(p => p.Id).ToHashSet(), suppliers.ToHashSet(), products.Select(p => p.Category).ToHashSet());
        var firstDay = DateOnly.FromDateTime(state.SimulatedNow.UtcDateTime);
        var added = shocks.Select(json => ShockParser.Parse(json, firstDay)).ToList();
        foreach (var shock in added) targets.Check(shock);

        var hidden = HiddenWorldState.FromJson(state.HiddenState);
        state.HiddenState = (hidden with { Shocks = [.. hidden.Shocks ?? [], .. added] }).ToJson();
        state.UpdatedAt = timeProvider.GetUtcNow();
        context.Update(state);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Plays <paramref name="days"/> days in a row, each committed on its own.</summary>
    public async Task<SimulationRun> AdvanceAsync(int days, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var clock = Stopwatch.StartNew();
        var played = new List<SimulatedDay>(days);
        for (var i = 0; i < days; i++) played.Add(await AdvanceDayAsync(cancellationToken));
        return new SimulationRun(played, clock.Elapsed);
    }

    /// <summary>Plays the next simulated day and commits its rows, events and the simulation's state together.</summary>
    public async Task<SimulatedDay> AdvanceDayAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await PlayNextDayAsync(cancellationToken);
        }
        catch
        {
            _book.Forget();
            throw;
        }
    }

    private async Task<SimulatedDay> PlayNextDayAsync(CancellationToken cancellationToken)
    {
        await using var context = createContext();
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        // The state row's lock makes concurrent advancers (a CLI run beside a serving host) take turns, never play a day twice.
        var state = await context.SandboxStates.FromSqlRaw("SELECT * FROM sandbox_state WHERE id = 1 FOR UPDATE").AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("the database holds no sandbox simulation state (sandbox_state is empty); seed a sandbox business first");
        var day = DateOnly.FromDateTime(state.SimulatedNow.UtcDateTime);
        var hidden = HiddenWorldState.FromJson(state.HiddenState);
        var world = await WorldLoader.LoadAsync(context, npgsqlTransaction, state.Seed, state.StartDate, day, hidden, _book, cancellationToken);

        var changes = WorldChanges.Track(world);
        var dayNumber = day.DayNumber - state.StartDate.DayNumber;
        var played = new SandboxSimulator(world, StepRandom.ForDay(state.Seed, dayNumber)).AdvanceDay();

        changes.StageOn(context);
        await context.SaveChangesAsync(cancellationToken);
        context.ChangeTracker.Clear();
        await IdentitySequences.AdvanceAsync(context, cancellationToken);

        var events = played.Events.Select(e => new NewEvent(e.EventId, e.Type, e.OccurredAt, e.Source,
            JsonSerializer.SerializeToElement(e.Data, JsonDefaults.Options))).ToList();
        var appended = events.Count == 0 ? 0 : (await eventStore.AppendAsync(events, npgsqlTransaction, cancellationToken)).Appended;

        var next = day.AddDays(1);
        state.SimulatedNow = Midnight(next);
        state.StepIndex = dayNumber + 1;
        state.HiddenState = HiddenWorldState.Capture(world, next).ToJson();
        state.UpdatedAt = timeProvider.GetUtcNow();
        context.Update(state);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _book.Remember(world, await CountOrdersAsync(cancellationToken));

        var refunds = played.Events.Where(e => e.Type == "RefundProcessed").ToList();
        return new SimulatedDay(day, played.OrdersPlaced, played.Revenue, played.AdSpend, refunds.Count,
            refunds.Sum(e => JsonSerializer.SerializeToElement(e.Data, JsonDefaults.Options).GetProperty("amount").GetDecimal()),
            played.Events.Count(e => e.Type == "ChargebackOpened"), appended);
    }

    private async Task<long> CountOrdersAsync(CancellationToken cancellationToken)
    {
        await using var context = createContext();
        return await context.Orders.LongCountAsync(cancellationToken);
    }

    /// <summary>The state a freshly seeded history hands to the live simulation: the day after the history, next.</summary>
    internal static SandboxState InitialState(SandboxWorld world, DateTimeOffset now) => new()
    {
        Seed = world.Seed,
        StartDate = world.StartDate,
        SimulatedNow = Midnight(world.Today),
        StepIndex = world.Today.DayNumber - world.StartDate.DayNumber,
        HiddenState = HiddenWorldState.Capture(world, world.Today).ToJson(),
        UpdatedAt = now,
    };

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
