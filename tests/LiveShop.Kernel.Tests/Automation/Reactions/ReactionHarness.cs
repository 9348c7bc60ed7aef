using LiveShop.Kernel.Automation.Alerts;
using System.Text.Json;
using LiveShop.Kernel.Automation;
using LiveShop.Kernel.Automation.Reactions;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Memory.Data;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveShop.Kernel.Tests.Automation.Reactions;

/// <summary>The reactions over the real pipeline (live facts, sandbox executors) of a test database, run by a subscription runner.</summary>
internal sealed class ReactionHarness
{
    private static readonly PersonaCatalog Personas = PersonaCatalogLoader.LoadDefault();

    private ReactionHarness(GatewayHarness gateway, TestDatabase database)
    {
        Gateway = gateway;
        Database = database;
        var contexts = new TestContexts(database);
        var requester = new AutomationRequester(gateway.Pipeline, Personas);
        var events = new PlatformEvents(gateway.Events, gateway.Time);
        Alerts = new AlertStore(database.DataSource, events, gateway.Time);
        Tickets = new TicketReaction(contexts, requester, gateway.Policies, events);
        Faults = new RepeatedFaultReaction(contexts, requester, gateway.Policies, events, Alerts);
        Reorders = new ReorderReaction(contexts, requester);
        Costs = new SupplierCostReaction(contexts, requester, gateway.Policies, events, Alerts);
    }

    public GatewayHarness Gateway { get; }
    public AlertStore Alerts { get; }
    public TestDatabase Database { get; }
    public TicketReaction Tickets { get; }
    public RepeatedFaultReaction Faults { get; }
    public ReorderReaction Reorders { get; }
    public SupplierCostReaction Costs { get; }

    public static async Task<ReactionHarness> CreateAsync(TestDatabase database) => new(await GatewayHarness.CreateLiveAsync(database), database);

    /// <summary>
    /// Appends <paramref name="events"/> and lets every reaction catch up, as a host would: the runner registers first (the
    /// reactions start at the head), then handles what was appended; it gives its leases up afterwards.
    /// </summary>
    public async Task<CatchUpResult> AppendAndCatchUpAsync(params NewEvent[] events)
    {
        var runner = new SubscriptionRunner(Gateway.Events, new SubscriptionCheckpoints(Database.DataSource, Gateway.Time),
            new ParkedEvents(Database.DataSource, Gateway.Time), [Tickets, Faults, Reorders, Costs], new SubscriptionOptions(), Gateway.Time,
            NullLogger<SubscriptionRunner>.Instance);
        await runner.CatchUpAsync(CancellationToken.None);
        await Gateway.Events.AppendAsync(events);
        var result = await runner.CatchUpAsync(CancellationToken.None);
        await runner.ReleaseAsync(CancellationToken.None);
        return result;
    }

    public static NewEvent Event(string type, object data, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), type, at ?? GatewayHarness.Start, "test", JsonSerializer.SerializeToElement(data, LiveShop.Memory.Serialization.JsonDefaults.Options));

    public static StoredEvent Stored(NewEvent e) => new(1, e.EventId, e.Type, e.OccurredAt, e.Source, e.Data, e.OccurredAt, "");

    /// <summary>The automated requests the decision log holds for <paramref name="automation"/>: action, decision, parameters.</summary>
    public async Task<IReadOnlyList<(string Action, string Decision, JsonElement Parameters)>> DecisionsAsync(string automation)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT action, decision, parameters::text FROM decision_log WHERE requested_by = $1 ORDER BY created_at, decision_id");
        command.Parameters.Add(new() { Value = "automation:" + automation });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, JsonElement)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1), JsonDocument.Parse(reader.IsDBNull(2) ? "{}" : reader.GetString(2)).RootElement.Clone()));
        return rows;
    }

    /// <summary>The data of the platform events of <paramref name="type"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> PlatformEventsAsync(string type)
    {
        await using var command = Database.DataSource.CreateCommand("SELECT data::text FROM business_events WHERE type = $1 ORDER BY sequence");
        command.Parameters.Add(new() { Value = type });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<JsonElement>();
        while (await reader.ReadAsync()) rows.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        return rows;
    }

    public Task<long> ScalarAsync(string sql, params object[] parameters) => Gateway.ScalarAsync(sql, parameters);
}

/// <summary>Contexts over a test database, as the host's factory makes them.</summary>
internal sealed class TestContexts(TestDatabase database) : IDbContextFactory<LiveShopDbContext>
{
    public LiveShopDbContext CreateDbContext() => database.CreateContext();
}
