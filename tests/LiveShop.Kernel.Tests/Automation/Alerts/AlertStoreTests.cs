using LiveShop.Kernel.Automation.Alerts;
using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Events;
using LiveShop.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Kernel.Tests.Automation.Alerts;

/// <summary>One incident is one alert: a repeat while it is unresolved, or within the cooldown after, raises nothing.</summary>
public sealed class AlertStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromHours(72);

    private (AlertStore Store, FakeTimeProvider Clock) Create()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.Zero));
        return (new AlertStore(database.DataSource, new PlatformEvents(new EventStore(database.DataSource, clock), clock), clock), clock);
    }

    private static AlertDraft Draft(string entity, decimal observed = 9m) => new(
        AlertKinds.RefundSpike, "refund_requests", "product", entity, observed, 0m, 6m,
        new DateTimeOffset(2026, 2, 22, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        $"refunds of {entity} spiked", "automation:alert_scan");

    [Fact]
    public async Task A_repeat_of_an_open_incident_raises_nothing_and_after_resolving_the_cooldown_holds()
    {
        var (store, clock) = Create();
        var entity = $"p_{Guid.NewGuid():N}";

        var first = await store.RaiseAsync(Draft(entity), Cooldown, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal(AlertStatus.Open, first.Status);
        Assert.Null(await store.RaiseAsync(Draft(entity, 12m), Cooldown, CancellationToken.None));
        Assert.NotNull(await store.RaiseAsync(Draft(entity + "_other"), Cooldown, CancellationToken.None));

        Assert.True(await store.AcknowledgeAsync(first.AlertId, "founder@liveshop.local", CancellationToken.None));
        Assert.False(await store.AcknowledgeAsync(first.AlertId, "founder@liveshop.local", CancellationToken.None));
        Assert.Null(await store.RaiseAsync(Draft(entity), Cooldown, CancellationToken.None));
        Assert.True(await store.ResolveAsync(first.AlertId, "founder@liveshop.local", CancellationToken.None));
        Assert.False(await store.ResolveAsync(first.AlertId, "founder@liveshop.local", CancellationToken.None));

        clock.Advance(TimeSpan.FromHours(71));
        Assert.Null(await store.RaiseAsync(Draft(entity), Cooldown, CancellationToken.None));
        clock.Advance(TimeSpan.FromHours(2));
        var again = await store.RaiseAsync(Draft(entity), Cooldown, CancellationToken.None);
        Assert.NotNull(again);
        Assert.NotEqual(first.AlertId, again.AlertId);
    }

    [Fact]
    public async Task Two_hosts_raising_the_same_incident_at_once_store_one_alert()
    {
        var (store, _) = Create();
        var entity = $"p_{Guid.NewGuid():N}";
        var raised = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.RaiseAsync(Draft(entity), Cooldown, CancellationToken.None)));
        Assert.Single(raised, a => a is not null);
        Assert.Single(await store.ListAsync(null, 1000, CancellationToken.None), a => a.Draft.EntityId == entity);
    }

    [Fact]
    public async Task A_raised_alert_keeps_what_it_says_and_is_recorded_as_an_event()
    {
        var (store, _) = Create();
        var entity = $"p_{Guid.NewGuid():N}";
        var alert = await store.RaiseAsync(Draft(entity), Cooldown, CancellationToken.None);
        var listed = Assert.Single(await store.ListAsync(AlertStatus.Open, 1000, CancellationToken.None), a => a.AlertId == alert!.AlertId);
        Assert.Equal(Draft(entity), listed.Draft);
        var events = await new EventStore(database.DataSource, TimeProvider.System).ReadAsync(0, 100_000);
        Assert.Contains(events, e => e.Type == "AlertRaised" && e.Data.GetProperty("entity_id").GetString() == entity);
    }
}
