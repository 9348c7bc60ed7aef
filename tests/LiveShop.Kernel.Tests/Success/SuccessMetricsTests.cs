using System.Text.Json;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Success;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Memory.Clock;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Events;
using LiveShop.Memory.Metrics.Store;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Success;

/// <summary>The success metrics of a known decision log, gateway ledger, metric series and events.</summary>
public sealed class SuccessMetricsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private sealed class FixedBusinessClock(DateTimeOffset now) : IBusinessClock
    {
        public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default) => Task.FromResult(now);
        public bool IsSandbox => false;
    }

    private SuccessMetricsQuery Query() => new(new DecisionLog(database.DataSource, new ManualTime(Now)), new GatewayExecutions(database.DataSource),
        new MetricsStore(new MetricSeriesTable(database.DataSource)), new FixedBusinessClock(Now), database.DataSource, new ManualTime(Now));

    private async Task ExecuteAsync(string sql)
    {
        await using var command = database.OwnerDataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static SuccessMetric Metric(SuccessReport report, string name) => report.Metrics.Single(m => m.Name == name);

    [Fact]
    public async Task Every_figure_follows_from_the_log_the_ledger_the_series_and_the_events()
    {
        var at = Now.AddDays(-2).ToString("O");
        // a1 allowed and executed by an automation, later undone; a2 denied; a3 approved by a person, then executed;
        // a4 executed at a person's own request; a5 allowed long before the window.
        await ExecuteAsync($"""
            INSERT INTO decision_log (decision_id, action_id, action, policy_version, state_version, input_hash, decision, risk_level, result, created_at) VALUES
              (gen_random_uuid(), 'a1', 'pause_ad_set', 'v1', 's', 'h', 'allow', 'L1', 'executed', '{at}'),
              (gen_random_uuid(), 'a2', 'change_price', 'v1', 's', 'h', 'deny', 'L2', 'denied', '{at}'),
              (gen_random_uuid(), 'a3', 'scale_ad_set', 'v1', 's', 'h', 'require_approval', 'L2', 'awaiting_approval', '{at}'),
              (gen_random_uuid(), 'a3', 'scale_ad_set', 'v1', 's', 'h', 'allow', 'L2', 'executed', '{Now.AddDays(-1):O}'),
              (gen_random_uuid(), 'a4', 'refund_order', 'v1', 's', 'h', 'allow', 'L1', 'executed', '{at}'),
              (gen_random_uuid(), 'a5', 'refund_order', 'v1', 's', 'h', 'allow', 'L1', 'executed', '{Now.AddDays(-90):O}');
            INSERT INTO gateway_executions (id, idempotency_key, action_id, action, arguments_hash, requested_by, approval_id, status, created_at, claimed_at, attempts, completed_at) VALUES
              (gen_random_uuid(), 'k1', 'a1', 'pause_ad_set', 'x', 'automation:roas_kill_switch', NULL, 'succeeded', '{at}', '{at}', 1, '{at}'),
              (gen_random_uuid(), 'k3', 'a3', 'scale_ad_set', 'x', 'agent:marketing', gen_random_uuid(), 'succeeded', '{at}', '{at}', 1, '{at}'),
              (gen_random_uuid(), 'k4', 'a4', 'refund_order', 'x', 'founder@liveshop.local', NULL, 'succeeded', '{at}', '{at}', 1, '{at}'),
              (gen_random_uuid(), 'k5', 'a5', 'refund_order', 'x', 'automation:x', NULL, 'succeeded', '{Now.AddDays(-90):O}', '{Now.AddDays(-90):O}', 1, '{Now.AddDays(-90):O}'),
              (gen_random_uuid(), 'undo:k1', 'u1', 'resume_ad_set', 'x', 'agent:undo', NULL, 'succeeded', '{at}', '{at}', 1, '{Now.AddDays(-1):O}');
            INSERT INTO metric_series (grain, entity_id, resolution, at, revenue, orders, margin, ad_spend, captured_at) VALUES
              ('business', 'business', 'day', '{Now.Date.AddDays(-3):yyyy-MM-dd}T00:00:00Z', 1000, 10, 400, 100, '{at}'),
              ('business', 'business', 'day', '{Now.Date.AddDays(-2):yyyy-MM-dd}T00:00:00Z', 500, 5, 200, 100, '{at}');
            """);
        await using (var db = database.CreateContext())
        {
            db.Products.AddRange(
                new Product { Id = "p_fast", Sku = "F", Title = "Fast", Category = "c", Status = "active", CreatedAt = Now.AddDays(-5) },
                new Product { Id = "p_slow", Sku = "S", Title = "Slow", Category = "c", Status = "active", CreatedAt = Now.AddDays(-20) });
            await db.SaveChangesAsync();
        }
        var events = new EventStore(database.DataSource, TimeProvider.System);
        foreach (var (product, live) in new[] { ("p_fast", Now.AddDays(-4)), ("p_slow", Now.AddDays(-10)), ("p_slow", Now.AddDays(-1)) })
            await events.AppendAsync(new NewEvent(Guid.NewGuid(), "ListingPublished", live, "shopify",
                JsonDocument.Parse($$"""{"listing_id": "l_{{Guid.NewGuid():N}}", "product_id": "{{product}}", "channel": "shopify"}""").RootElement));

        var report = await Query().GetAsync(30, CancellationToken.None);

        Assert.Equal(33.33m, Metric(report, "autonomy_rate").Value);     // a1 of a1, a3, a4
        Assert.Equal(75m, Metric(report, "proof_pass_rate").Value);      // a1, a3 (latest: allow), a4 of a1..a4
        Assert.Equal(33.33m, Metric(report, "rollback_rate").Value);     // a1 undone
        Assert.Equal(133.33m, Math.Round(Metric(report, "profit_per_decision").Value!.Value, 2)); // (400 − 100 + 200 − 100) / 3
        Assert.Equal(5.5m, Metric(report, "time_to_market_days").Value); // median of 1 and 10 days
        Assert.Equal(73.33m, Math.Round(Metric(report, "cost_per_order").Value!.Value, 2)); // (1500 − 400) / 15
    }

    [Fact]
    public void A_figure_without_data_is_null_and_says_what_is_missing()
    {
        var report = SuccessReport.Compute(Now.AddDays(-30), Now, new SuccessInputs(0, 0, 0, 0, 0, null, null, null, 0, null));

        Assert.All(report.Metrics, m => Assert.Null(m.Value));
        Assert.Contains("no action was executed", Metric(report, "autonomy_rate").Basis);
        Assert.Contains("decided no action", Metric(report, "proof_pass_rate").Basis);
        Assert.Contains("holds no day", Metric(report, "cost_per_order").Basis);
        Assert.Contains("no product", Metric(report, "time_to_market_days").Basis);
    }
}
