using System.Globalization;
using LiveShop.Kernel.Automation.Guardrails;
using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Data;
using LiveShop.Memory.Metrics.Quantities;
using LiveShop.Memory.Metrics.Store;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Automation.Alerts;

/// <summary>
/// The nightly anomaly scan: judges the day that just closed against each entity's own recent history (median/MAD, see
/// <see cref="ExpectedRange"/>) with <see cref="AlertRules"/>, and raises an alert for each breach that is not already an
/// open incident. Runs on the business clock, so a simulated night scans the simulated day.
/// </summary>
public sealed class AlertScanJob(MetricSeriesTable series, IDbContextFactory<LiveShopDbContext> contexts, PolicyInForce policies, AlertStore alerts)
    : IBusinessJob
{
    /// <summary>The job's name; alerts it raises are raised by <c>automation:alert_scan</c>.</summary>
    public const string JobName = "alert_scan";

    private const string RaisedBy = AutomationRequester.RequesterPrefix + JobName;

    /// <inheritdoc />
    public string Name => JobName;
    /// <inheritdoc />
    public string DefaultCron => "0 30 0 * * ?";
    /// <inheritdoc />
    public string Description => "Compares the day that just closed with each product's, ad set's and channel's recent history and raises alerts on anomalies.";

    /// <inheritdoc />
    public async Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        var settings = (await policies.GetAsync(cancellationToken)).Alerts;
        if (!settings.Enabled) return new BusinessJobResult("off in the policy (alerts.enabled)");
        var day = AdSetPerformance.LastClosedDay(context.BusinessNow);
        var drafts = new List<AlertDraft>();
        foreach (var rule in AlertRules.Metrics) drafts.AddRange(await MetricBreachesAsync(rule, day, settings, cancellationToken));
        drafts.AddRange(await CountBreachesAsync(day, settings, cancellationToken));
        drafts.AddRange(await StockoutsAsync(day, cancellationToken));

        var raised = 0;
        foreach (var draft in drafts)
            if (await alerts.RaiseAsync(draft, TimeSpan.FromHours(settings.CooldownHours), cancellationToken) is not null) raised++;
        return new BusinessJobResult(drafts.Count == 0
            ? $"nothing out of range on {day:yyyy-MM-dd}"
            : $"{drafts.Count} out of range on {day:yyyy-MM-dd}, {raised} new alert(s): {string.Join(", ", drafts.Select(d => $"{d.Kind} {d.EntityId}"))}");
    }

    private async Task<IReadOnlyList<AlertDraft>> MetricBreachesAsync(MetricRule rule, DateOnly day, AlertPolicy settings, CancellationToken cancellationToken)
    {
        var definition = MetricCatalog.Find(rule.Metric)!;
        var (from, to) = Range(day, settings, rule.WindowDays);
        var rows = await series.ReadGrainAsync(rule.Grain, MetricResolutions.Day, from, to, cancellationToken);
        var drafts = new List<AlertDraft>();
        foreach (var (entity, entityRows) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var days = new DailySeries<MetricComponents>(entityRows.ToDictionary(r => DateOnly.FromDateTime(r.At.UtcDateTime), r => r.Components), ComponentSums.Sum);
            if (days.Window(day, rule.WindowDays) is not { } now || !rule.Enough(now) || definition.Value(now) is not { } observed) continue;
            var baseline = BaselineEnds(day, settings, rule.WindowDays)
                .Select(end => days.Window(end, rule.WindowDays))
                .Where(c => c is not null && rule.Enough(c))
                .Select(c => definition.Value(c!)).OfType<decimal>().ToList();
            if (baseline.Count < settings.MinBaselineDays) continue;
            var range = ExpectedRange.Of(baseline, rule.Deviations ?? settings.MadMultiplier, rule.MinAbsoluteChange)!;
            if (!Breaks(rule.Direction, observed, range, rule.MinRelativeChange)) continue;
            drafts.Add(Draft(rule.Kind, rule.Metric, rule.Grain, entity, observed, range, day, rule.WindowDays,
                $"{Words(rule.Metric)} of {entity} was {Format(observed)} over the {rule.WindowDays} days to {day:d MMM}, " +
                $"{(rule.Direction == BadDirection.Down ? "below" : "above")} the expected {Format(range.Low)}–{Format(range.High)}"));
        }
        return drafts;
    }

    private async Task<IReadOnlyList<AlertDraft>> CountBreachesAsync(DateOnly day, AlertPolicy settings, CancellationToken cancellationToken)
    {
        var (from, to) = Range(day, settings, 7);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.RequestedAt >= from && r.RequestedAt < to)
            .Join(db.OrderLines, r => r.OrderId, l => l.OrderId, (r, l) => new { r.Id, r.RequestedAt, l.ProductId })
            .Distinct().ToListAsync(cancellationToken);
        var disputes = await db.Disputes.AsNoTracking().Where(d => d.OpenedAt >= from && d.OpenedAt < to).Select(d => d.OpenedAt).ToListAsync(cancellationToken);
        var failures = await db.Orders.AsNoTracking().Where(o => o.Status == "payment_failed" && o.PlacedAt >= from && o.PlacedAt < to)
            .Select(o => o.PlacedAt).ToListAsync(cancellationToken);

        var drafts = new List<AlertDraft>();
        foreach (var product in refunds.GroupBy(r => r.ProductId).OrderBy(g => g.Key, StringComparer.Ordinal))
            drafts.AddRange(CountBreach(AlertRules.Refunds, MetricGrains.Product, product.Key, product.Select(r => r.RequestedAt), day, settings));
        drafts.AddRange(CountBreach(AlertRules.Refunds, MetricGrains.Business, MetricGrains.BusinessId, refunds.DistinctBy(r => r.Id).Select(r => r.RequestedAt), day, settings));
        drafts.AddRange(CountBreach(AlertRules.Chargebacks, MetricGrains.Business, MetricGrains.BusinessId, disputes, day, settings));
        drafts.AddRange(CountBreach(AlertRules.PaymentFailures, MetricGrains.Business, MetricGrains.BusinessId, failures, day, settings));
        return drafts;
    }

    private static IEnumerable<AlertDraft> CountBreach(CountRule rule, string grain, string entity, IEnumerable<DateTimeOffset> times, DateOnly day, AlertPolicy settings)
    {
        var perDay = times.GroupBy(t => DateOnly.FromDateTime(t.UtcDateTime)).ToDictionary(g => g.Key, g => (decimal)g.Count());
        var days = new DailySeries<decimal>(perDay, values => values.Sum());
        var observed = days.Window(day, rule.WindowDays);
        var baseline = BaselineEnds(day, settings, rule.WindowDays).Select(end => (Day: end, Value: days.Window(end, rule.WindowDays))).ToList();
        if (baseline.Count < settings.MinBaselineDays) yield break;
        var centre = ExpectedRange.Median([.. baseline.Select(b => b.Value)]);
        var minHalfWidth = rule.MinExcess + 3m * (decimal)Math.Sqrt((double)centre);
        var range = rule.WindowDays == 1
            ? ExpectedRange.Seasonal(baseline, day, settings.MadMultiplier, minHalfWidth)!
            : ExpectedRange.Of([.. baseline.Select(b => b.Value)], settings.MadMultiplier, minHalfWidth)!;
        if (observed <= range.High) yield break;
        yield return Draft(rule.Kind, rule.Metric, grain, entity, observed, range, day, rule.WindowDays,
            $"{Words(rule.Metric)} for {entity}: {observed:0} over the {rule.WindowDays} days to {day:d MMM}, above the expected {Math.Max(0, range.Low):0}–{range.High:0}");
    }

    private async Task<IReadOnlyList<AlertDraft>> StockoutsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var (dayStart, dayEnd) = (Start(day), Start(day.AddDays(1)));
        var rows = await series.ReadGrainAsync(MetricGrains.Product, MetricResolutions.Day, Start(day.AddDays(-1)), dayEnd, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sold = await db.OrderLines.AsNoTracking()
            .Join(db.Orders.PlacedIn(new TimeWindow(dayStart, dayEnd)), l => l.OrderId, o => o.Id, (l, o) => l)
            .GroupBy(l => l.ProductId).Select(g => new { g.Key, Units = g.Sum(l => l.Quantity) })
            .ToDictionaryAsync(g => g.Key, g => g.Units, cancellationToken);
        var received = await db.PurchaseOrders.AsNoTracking().Where(p => p.ReceivedAt >= dayStart && p.ReceivedAt < dayEnd)
            .Join(db.PurchaseOrderLines, p => p.Id, l => l.PurchaseOrderId, (p, l) => l)
            .GroupBy(l => l.ProductId).Select(g => new { g.Key, Units = g.Sum(l => l.Quantity) })
            .ToDictionaryAsync(g => g.Key, g => g.Units, cancellationToken);
        var drafts = new List<AlertDraft>();
        foreach (var (product, productRows) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var byDay = productRows.ToDictionary(r => DateOnly.FromDateTime(r.At.UtcDateTime), r => r.Components);
            if (!byDay.TryGetValue(day, out var today) || today.Stock is not 0m) continue;
            if (!byDay.TryGetValue(day.AddDays(-1), out var before) || before.Stock is not > 0m) continue;
            // Selling out is the ordinary path to a reorder (StockLow warns, a purchase order follows). Stock that leaves
            // without being sold (a warehouse loss, a recall, a listing sync that zeroed it) is an incident.
            var unaccounted = before.Stock.Value + received.GetValueOrDefault(product) - sold.GetValueOrDefault(product);
            if (unaccounted < Math.Max(3m, before.Stock.Value / 2m)) continue;
            drafts.Add(new AlertDraft(AlertKinds.Stockout, "stock", MetricGrains.Product, product, 0m, 1m, before.Stock, dayStart, dayEnd,
                $"{product} is out of stock since {day:d MMM}: {unaccounted:0} of its {before.Stock:0} units left stock without being sold", RaisedBy));
        }
        return drafts;
    }

    private static bool Breaks(BadDirection direction, decimal observed, ExpectedRange range, decimal minRelative) => direction switch
    {
        BadDirection.Down => observed < range.Low && observed < range.Centre * (1 - minRelative),
        _ => observed > range.High && observed > range.Centre * (1 + minRelative),
    };

    /// <summary>The ends of the baseline's windows: every day whose window closes before the judged window opens.</summary>
    private static IEnumerable<DateOnly> BaselineEnds(DateOnly day, AlertPolicy settings, int window) =>
        Enumerable.Range(window, Math.Max(0, settings.BaselineDays - window + 1)).Select(back => day.AddDays(-back));

    private static (DateTimeOffset From, DateTimeOffset To) Range(DateOnly day, AlertPolicy settings, int window) =>
        (Start(day.AddDays(-settings.BaselineDays - window)), Start(day.AddDays(1)));

    private static AlertDraft Draft(string kind, string metric, string grain, string entity, decimal observed, ExpectedRange range, DateOnly day, int window, string message) =>
        new(kind, metric, grain, entity, Math.Round(observed, 4), Math.Round(Math.Max(0, range.Low), 4), Math.Round(range.High, 4),
            Start(day.AddDays(1 - window)), Start(day.AddDays(1)), message, RaisedBy);

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Words(string metric) => metric.Replace('_', ' ') switch { var w => char.ToUpperInvariant(w[0]) + w[1..] };

    private static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
