using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Clock;
using LiveShop.Memory.Metrics.Store;
using Npgsql;

namespace LiveShop.Kernel.Success;

/// <summary>
/// Reads what the success metrics need: verdicts from the decision log, executions and undos from the gateway's ledger,
/// profit, revenue and orders from the metrics store, and time to market from the events (a product's first
/// <c>ListingPublished</c>) and its creation.
/// </summary>
public sealed class SuccessMetricsQuery(DecisionLog decisions, GatewayExecutions executions, MetricsStore metrics, IBusinessClock clock,
    NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>
    /// The success metrics of the trailing <paramref name="days"/> days. Decisions are stamped by the host's clock, so they
    /// are counted up to its now; business figures are taken on the business clock (the simulation's in sandbox mode).
    /// </summary>
    public async Task<SuccessReport> GetAsync(int days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (decided, passed) = await decisions.TallyAsync(now.AddDays(-days), now.AddTicks(1), cancellationToken);
        var executed = await executions.TallyAsync(now.AddDays(-days), now.AddTicks(1), cancellationToken);

        var businessNow = await clock.NowAsync(cancellationToken);
        var to = MetricSeriesTable.StartOfDay(businessNow).AddDays(1);
        var from = to.AddDays(-days);
        var (net, revenue, orders) = (await SumAsync("net_profit", from, to, cancellationToken), await SumAsync("revenue", from, to, cancellationToken),
            await SumAsync("orders", from, to, cancellationToken));
        var (live, median) = await TimeToMarketAsync(from, to, cancellationToken);
        return SuccessReport.Compute(from, to, new SuccessInputs(decided, passed, executed.Executed, executed.WithoutHuman, executed.Undone,
            net, revenue, orders, live, median));
    }

    private async Task<decimal?> SumAsync(string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var points = await metrics.QueryAsync(metric, MetricGrains.Business, null, from, to, MetricResolutions.Day, cancellationToken);
        return points.Count == 0 ? null : points.Sum(p => p.Value ?? 0m);
    }

    private async Task<(int Live, decimal? MedianDays)> TimeToMarketAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (l.live - p.created_at)) / 86400)
            FROM (SELECT data->>'product_id' AS product_id, min(occurred_at) AS live FROM business_events
                  WHERE type = 'ListingPublished' GROUP BY 1) l
            JOIN products p ON p.id = l.product_id
            WHERE l.live >= $1 AND l.live < $2
            """);
        command.Parameters.Add(new() { Value = from.ToUniversalTime() });
        command.Parameters.Add(new() { Value = to.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ((int)reader.GetInt64(0), reader.IsDBNull(1) ? null : Math.Round((decimal)reader.GetDouble(1), 2));
    }
}
