using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Database;
using LiveShop.Plugins.Commerce.Recording;
using LiveShop.Plugins.Commerce.Shopify.Sync;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using LiveShop.Kernel.Actions.Definitions.Refunds;

namespace LiveShop.Plugins.Commerce.Shopify.Connectors;

/// <summary>
/// <see cref="RefundOrderAction"/> for a Shopify order paid through Shopify Payments: <c>refundCreate</c> against the captured
/// transaction with the action's idempotency key, then the refund is recorded as the sandbox records one. Orders of the
/// shop paid through Stripe are left to the Stripe connector, which refunds the PaymentIntent itself.
/// </summary>
public sealed class ShopifyRefundConnector(ShopifyShop shop, BusinessUnitOfWork business, NpgsqlDataSource dataSource) : ILiveActionConnector
{
    /// <inheritdoc />
    public string IntegrationId => ShopifyIds.Channel;

    /// <inheritdoc />
    public string Action => RefundOrderAction.ActionName;

    /// <inheritdoc />
    public async Task<bool> HandlesAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        ActionParameters.TryGetText(packet.Parameters, "order_id", out var orderId)
        && await CaptureAsync(orderId, cancellationToken) is not null;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var orderId = BusinessUnitOfWork.Text(packet, "order_id");
        var amount = BusinessUnitOfWork.Number(packet, "amount");
        var reason = BusinessUnitOfWork.Text(packet, "reason");
        var (orderGid, capture) = await CaptureAsync(orderId, cancellationToken)
            ?? throw new InvalidOperationException($"order {orderId} has no Shopify Payments capture to refund");
        var refund = await shop.RefundAsync(orderGid,
            amount, new ShopifyTransaction(capture.ExternalId!, "CAPTURE", "SUCCESS", capture.Provider, capture.Amount, capture.CapturedAt),
            reason, ActionHashes.IdempotencyKey(packet), cancellationToken);
        // The id comes from Shopify's refund, so the sync recognises this refund instead of importing it a second time,
        // and a repeated execution (Shopify answers the same refund for the same key) records it once.
        var refundId = ShopifyIds.Local("re", refund.Id);
        return await business.InTransactionAsync(async db =>
        {
            var order = await BusinessUnitOfWork.FindAsync(db.Orders, orderId, "order", cancellationToken);
            if (await db.Refunds.FindAsync([refundId], cancellationToken) is { } recorded)
                return (new ExecutionResult
                {
                    ConnectorReference = refund.Id, Summary = $"refund {refundId} of order {orderId} was already recorded",
                }, []);
            return await RefundRecording.RecordAsync(db, order, refundId, amount, reason, business.Now, cancellationToken, connectorReference: refund.Id);
        }, packet.ActionId, cancellationToken, ShopifyIds.Channel);
    }

    /// <summary>The order's Shopify GID and its Shopify Payments capture, or null when the order is not Shopify's to refund.</summary>
    private async Task<(string OrderGid, Payment Capture)?> CaptureAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var db = LiveShopDataSource.CreateContext(dataSource);
        var order = await db.Orders.Where(o => o.Id == orderId && o.Channel == ShopifyIds.Channel && o.ExternalId != null)
            .Select(o => new { o.ExternalId }).FirstOrDefaultAsync(cancellationToken);
        if (order is null) return null;
        var capture = await db.Payments
            .Where(p => p.OrderId == orderId && p.Provider == ShopifyIds.ShopifyPayments && p.ExternalId != null && p.Status == "captured")
            .OrderByDescending(p => p.Amount).FirstOrDefaultAsync(cancellationToken);
        return capture is null ? null : (order.ExternalId!, capture);
    }
}
