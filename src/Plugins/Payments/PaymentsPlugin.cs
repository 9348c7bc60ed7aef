using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Functions;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Payments.Stripe;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Payments;

/// <summary>
/// Cash: the runway, payments, the Stripe balance and payouts (from the live Stripe account when it is connected, otherwise
/// from the business database, and each answer says which), and the supplier and creator payments a persona may propose.
/// </summary>
[Description("Cash position and runway, payment lookups, Stripe balance and payouts, supplier payments and creator payouts.")]
public sealed class PaymentsPlugin(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time,
    IntegrationConnections? connections = null, StripeAccount? stripe = null)
{
    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Payments";

    /// <summary>The ledger account that holds the cash at bank (chart of accounts of the books).</summary>
    public const string CashAccountCode = CashRunway.CashAccountCode;

    /// <summary>How many trailing days the average daily burn is measured over.</summary>
    public const int BurnWindowDays = CashRunway.BurnDays;

    /// <summary>Cash at bank, average daily net burn and the runway they give.</summary>
    [KernelFunction("get_cash_runway"), ReadOnlyFunction]
    [PlannerHints(
        ["how long will our cash last", "what is the cash runway", "how much money is in the bank"],
        ["runway", "burn", "cash", "in the bank", "money left"])]
    [Description("Shows cash at bank, the average daily net cash burn over the last 30 days and the cash runway in days.")]
    public async Task<string> GetCashRunwayAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cash = await CashRunway.ReadAsync(db, time.GetUtcNow(), cancellationToken);
        var runwayDays = cash.RunwayDays is { } days ? Math.Round(days, 1) : (decimal?)null;
        return ModelText.Json(new
        {
            cash_balance = cash.Balance,
            avg_daily_net_burn = Math.Round(cash.AvgDailyNetBurn, 2),
            runway_days = runwayDays,
            runway = runwayDays is null ? "unbounded: cash is not shrinking" : $"{runwayDays} days",
        });
    }

    /// <summary>The payments of an order: the Stripe PaymentIntent when Stripe is live and connected, else the payments rows.</summary>
    [KernelFunction("get_payment"), ReadOnlyFunction]
    [Description("Looks up how an order was paid: provider, amount, status. Says whether the live Stripe account or the business database answered.")]
    public async Task<string> GetPaymentAsync(
        [Description("The order id, e.g. o_1042.")] string order_id,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == order_id).OrderBy(p => p.CapturedAt).ToListAsync(cancellationToken);
        if (payments.Count == 0) return ModelText.Json(new { error = $"no payment recorded for order {order_id}", source = DatabaseSource });
        var live = payments.LastOrDefault(p => p.Provider == StripeRefundConnector.Provider && p.ExternalId is not null);
        if (live is not null && await StripeConnectedAsync(cancellationToken))
        {
            var intent = await stripe!.PaymentIntentAsync(live.ExternalId!, cancellationToken);
            return ModelText.Json(new
            {
                source = StripeSource, order_id, payment_intent = intent.Id, status = intent.Status, amount = intent.Amount,
                amount_received = intent.AmountReceived, currency = intent.Currency.ToUpperInvariant(), latest_charge = intent.LatestChargeId,
            });
        }
        return ModelText.Json(new
        {
            source = DatabaseSource, order_id,
            payments = payments.Select(p => new { payment_id = p.Id, provider = p.Provider, external_id = p.ExternalId, amount = p.Amount, fee = p.Fee, status = p.Status, captured_at = p.CapturedAt }),
        });
    }

    /// <summary>The Stripe balance when Stripe is live and connected, else Stripe payments net of fees and refunds from the database.</summary>
    [KernelFunction("get_stripe_balance"), ReadOnlyFunction]
    [Description("Shows the Stripe balance (available and pending per currency). Says whether the live Stripe account or the business database answered.")]
    public async Task<string> GetStripeBalanceAsync(CancellationToken cancellationToken = default)
    {
        if (await StripeConnectedAsync(cancellationToken))
        {
            var lines = await stripe!.BalanceAsync(cancellationToken);
            return ModelText.Json(new { source = StripeSource, balance = lines.Select(l => new { currency = l.Currency.ToUpperInvariant(), available = l.Available, pending = l.Pending }) });
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stripePayments = db.Payments.AsNoTracking().Where(p => p.Provider == StripeRefundConnector.Provider && p.Status == "captured");
        var captured = await stripePayments.SumAsync(p => (decimal?)(p.Amount - p.Fee), cancellationToken) ?? 0m;
        // Only processed refunds have taken money out of the balance; a requested or approved one has not yet.
        var refunded = await db.Refunds.AsNoTracking().Where(r => r.Status == RefundedAmount.ProcessedStatus && stripePayments.Any(p => p.OrderId == r.OrderId))
            .SumAsync(r => (decimal?)r.Amount, cancellationToken) ?? 0m;
        return ModelText.Json(new
        {
            source = DatabaseSource, captured_net_of_fees = captured, refunded, balance = captured - refunded,
            note = "Stripe is not live and connected: this is what the business database recorded for Stripe payments, not Stripe's own balance",
        });
    }

    /// <summary>Recent payouts: Stripe's when Stripe is live and connected, else the platform settlements in the database.</summary>
    [KernelFunction("list_recent_payouts"), ReadOnlyFunction]
    [Description("Lists recent payouts to the bank (newest first). Says whether the live Stripe account or the business database (platform settlements) answered.")]
    public async Task<string> ListRecentPayoutsAsync(
        [Description("How many payouts to show (1–50, default 10).")] int limit = 10,
        CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, 50);
        if (await StripeConnectedAsync(cancellationToken))
        {
            var payouts = await stripe!.RecentPayoutsAsync(limit, cancellationToken);
            return ModelText.Json(new
            {
                source = StripeSource,
                payouts = payouts.Select(p => new { payout_id = p.Id, amount = p.Amount, currency = p.Currency.ToUpperInvariant(), status = p.Status, arrival_date = p.ArrivalDate }),
            });
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settlements = await db.Settlements.AsNoTracking().OrderByDescending(s => s.ReceivedAt).Take(limit).ToListAsync(cancellationToken);
        return ModelText.Json(new
        {
            source = DatabaseSource + " (platform settlements)",
            payouts = settlements.Select(s => new { settlement_id = s.Id, channel = s.Channel, net_amount = s.NetAmount, received_at = s.ReceivedAt, status = s.Status }),
        });
    }

    private const string StripeSource = "stripe (live account)";
    private const string DatabaseSource = "business database (sandbox)";

    private async Task<bool> StripeConnectedAsync(CancellationToken cancellationToken) =>
        stripe is not null && connections is not null && await connections.IsConnectedAsync(StripeSettings.IntegrationId, cancellationToken);
}
