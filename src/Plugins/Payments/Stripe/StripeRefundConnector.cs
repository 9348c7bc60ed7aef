using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Plugins.Commerce.Recording;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.EntityFrameworkCore;
using LiveShop.Kernel.Actions.Definitions.Refunds;

namespace LiveShop.Plugins.Payments.Stripe;

/// <summary>
/// <see cref="RefundOrderAction"/> for orders paid through Stripe (a payment row with provider <c>stripe</c> and its PaymentIntent id):
/// refunds through Stripe with the gateway's idempotency key, then records the refund exactly as the sandbox does, under
/// Stripe's refund id.
/// </summary>
public sealed class StripeRefundConnector(StripeAccount stripe, BusinessUnitOfWork business, Func<LiveShopDbContext> createContext) : ILiveActionConnector
{
    /// <summary>The payment provider value of Stripe payments.</summary>
    public const string Provider = "stripe";

    /// <inheritdoc />
    public string IntegrationId => StripeSettings.IntegrationId;

    /// <inheritdoc />
    public string Action => RefundOrderAction.ActionName;

    /// <inheritdoc />
    public async Task<bool> HandlesAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        ActionParameters.TryGetText(packet.Parameters, "order_id", out var orderId) && await StripePaymentOfAsync(orderId, cancellationToken) is not null;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var orderId = BusinessUnitOfWork.Text(packet, "order_id");
        var payment = await StripePaymentOfAsync(orderId, cancellationToken)
            ?? throw new InvalidOperationException($"order {orderId} has no Stripe payment to refund");
        string currency;
        await using (var db = createContext())
            currency = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Currency).SingleAsync(cancellationToken);
        var amount = BusinessUnitOfWork.Number(packet, "amount");
        var refund = await stripe.RefundAsync(payment.ExternalId!, StripeMoney.ToMinor(amount, currency), ActionHashes.IdempotencyKey(packet),
            new Dictionary<string, string> { ["order_id"] = orderId, ["action_id"] = packet.ActionId }, cancellationToken);
        if (refund.Status is "failed" or "canceled")
            throw new InvalidOperationException($"Stripe refund {refund.Id} of order {orderId} ended {refund.Status}");
        return await business.InTransactionAsync(async db =>
        {
            var order = await BusinessUnitOfWork.FindAsync(db.Orders, orderId, "order", cancellationToken);
            return await RefundRecording.RecordAsync(db, order, refund.Id, amount, BusinessUnitOfWork.Text(packet, "reason"), business.Now, cancellationToken);
        }, packet.ActionId, cancellationToken, Provider);
    }

    private async Task<Payment?> StripePaymentOfAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var db = createContext();
        return await db.Payments.AsNoTracking()
            .Where(p => p.OrderId == orderId && p.Provider == Provider && p.ExternalId != null)
            .OrderByDescending(p => p.CapturedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
