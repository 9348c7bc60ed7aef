using System.Diagnostics;
using System.Text.Json;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Automation;
using LiveShop.Kernel.Automation.Alerts;
using LiveShop.Kernel.Automation.Scheduling;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Data;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Memory.Metrics.Quantities;
using LiveShop.Memory.Metrics.Store;
using LiveShop.Plugins.Sandbox.Live;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Hosting.Simulation;

/// <summary>
/// Plays the sandbox business ahead day by day with its automation running on the simulated clock, as a serving host
/// would run it: after each simulated day the day's hours are snapshotted into the metrics store, the event
/// subscriptions (reactions) catch up, every business job due during the day runs once at the day's end (the scheduler's
/// misfire policy: a slot missed is run once, late), and the reactions catch up with what the jobs did. Everything the
/// automation asks for goes through the action pipeline; the report lists it with the verifier's decisions, the alerts
/// raised, and how many executed proofs fail when checked again afterwards.
/// </summary>
public sealed class AutomatedSimulation(IServiceProvider services, SimulatedClock clock)
{
    private const string SimulationHost = "simulate";

    /// <summary>Adds <paramref name="shocks"/> (day 1 = the next day to play), plays <paramref name="days"/> days and reports.</summary>
    public async Task<SimulationReport> RunAsync(int days, IReadOnlyList<string> shocks, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var simulation = services.GetRequiredService<LiveSimulation>();
        var position = await simulation.GetPositionAsync(cancellationToken)
            ?? throw new InvalidOperationException("the database holds no sandbox business to simulate (./liveshop seed writes one)");
        var start = position.SimulatedNow;
        clock.Set(start);
        var added = await simulation.AddShocksAsync(shocks, cancellationToken);
        var events = services.GetRequiredService<EventStore>();
        var eventsBefore = await events.CountAsync(cancellationToken);

        var jobs = services.GetRequiredService<BusinessJobCatalog>();
        var runner = services.GetRequiredService<BusinessJobRunner>();
        var subscriptions = services.GetRequiredService<SubscriptionRunner>();
        var snapshotter = services.GetRequiredService<Snapshotter>();
        var decisionLog = services.GetRequiredService<DecisionLog>();
        var alertStore = services.GetRequiredService<AlertStore>();

        // Reactions start at the chain's head the first time they run: joined now, they react to the first simulated day.
        await subscriptions.CatchUpAsync(cancellationToken);
        var played = new List<SimulatedDay>(days);
        var actions = new List<SimulatedAction>();
        var alerts = new List<SimulatedAlert>();
        for (var day = 1; day <= days; day++)
        {
            var dayStart = clock.GetUtcNow();
            played.Add(await simulation.AdvanceDayAsync(cancellationToken));
            var dayEnd = dayStart.AddDays(1);
            clock.Set(dayEnd);

            await snapshotter.BackfillAsync(dayStart, dayEnd, cancellationToken);
            await subscriptions.CatchUpAsync(cancellationToken);
            foreach (var job in jobs.All.Where(j => CronSchedules.Between(j.DefaultCron, dayStart, dayEnd).Any()))
                await runner.RunAsync(job.Name, $"{SimulationHost}:{job.Name}:{dayEnd:O}", TriggerKinds.BusinessClock, dayEnd, SimulationHost, cancellationToken);
            await subscriptions.CatchUpAsync(cancellationToken);

            // The clock stood still at the day's end while the automation ran, so that instant dates all it did.
            var round = (From: dayEnd, To: dayEnd.AddMilliseconds(1));
            actions.AddRange((await decisionLog.ReadAsync(AutomationRequester.RequesterPrefix, round.From, round.To, cancellationToken))
                .Where(d => !d.Result.StartsWith("duplicate", StringComparison.Ordinal))
                .Select(d => new SimulatedAction(d.Action, d.Parameters, d.RequestedBy, d.Decision, day, d.Result))
                .OrderBy(a => a.RequestedBy, StringComparer.Ordinal).ThenBy(a => a.Action, StringComparer.Ordinal)
                .ThenBy(a => a.Arguments.GetRawText(), StringComparer.Ordinal));
            alerts.AddRange((await alertStore.RaisedBetweenAsync(round.From, round.To, cancellationToken))
                .Select(a => new SimulatedAlert(a.Draft.Kind, a.Draft.Metric, a.Draft.EntityId, day, a.Draft.Observed, a.Draft.ExpectedLow, a.Draft.ExpectedHigh))
                .OrderBy(a => a.Kind, StringComparer.Ordinal).ThenBy(a => a.EntityId, StringComparer.Ordinal));
        }

        var end = clock.GetUtcNow();
        var run = new SimulationRun(played, watch.Elapsed);
        return new SimulationReport
        {
            Days = played.Count,
            SimulatedFrom = played.Count > 0 ? played[0].Date.ToString("yyyy-MM-dd") : "",
            SimulatedTo = played.Count > 0 ? played[^1].Date.ToString("yyyy-MM-dd") : "",
            Events = await events.CountAsync(cancellationToken) - eventsBefore,
            Orders = run.Orders,
            Revenue = run.Revenue,
            AdSpend = run.AdSpend,
            NetProfit = await NetProfitAsync(new TimeWindow(start, end), cancellationToken),
            Refunds = run.Refunds,
            RefundAmount = run.RefundAmount,
            Chargebacks = run.Chargebacks,
            Shocks = [.. added.Select(s => JsonSerializer.SerializeToElement(s, Memory.Serialization.JsonDefaults.Options))],
            Alerts = alerts,
            AutomatedActions = actions,
            InvariantViolations = await InvariantViolationsAsync(decisionLog, start, end.AddMilliseconds(1), cancellationToken),
            Seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
        };
    }

    /// <summary>
    /// Executed actions whose recorded proof does not hold when checked again: a signature that does not match, a proof
    /// bound to other arguments, or a verdict that was not an allow with every check passed. Must be 0.
    /// </summary>
    private async Task<int> InvariantViolationsAsync(DecisionLog decisionLog, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var signer = services.GetRequiredService<ProofSigner>();
        var executed = (await decisionLog.ReadAsync("", from, to, cancellationToken)).Where(d => d.Result == "executed");
        return executed.Count(d =>
        {
            var packet = new ActionPacket { ActionId = d.ActionId, ProposedAction = d.Action, Parameters = d.Parameters, RequestedBy = d.RequestedBy };
            return signer.VerifyRecorded(d.Verdict, packet).Status != ProofStatus.Valid
                || d.Verdict.Decision != Decision.Allow
                || d.Verdict.Proof.InvariantChecks.Any(c => c.Status == CheckStatus.Fail);
        });
    }

    private async Task<decimal> NetProfitAsync(TimeWindow window, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<LiveShopDbContext>>().CreateDbContextAsync(cancellationToken);
        var margin = (await SalesMargins.OfAsync(db, db.Orders.PlacedIn(window), cancellationToken)).Sum(l => l.Margin);
        var (from, to) = (DateOnly.FromDateTime(window.From.UtcDateTime), DateOnly.FromDateTime(window.To.UtcDateTime));
        var spend = await db.AdSetDailyMetrics.AsNoTracking().Where(m => m.Date >= from && m.Date < to).SumAsync(m => (decimal?)m.Spend, cancellationToken) ?? 0m;
        return SalesMargins.Reported(NetProfit.Of(margin, spend));
    }

}
