using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.EntityFrameworkCore;
using LiveShop.Kernel.Actions.Definitions.Refunds;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Commerce.Recording;

/// <summary>
/// How an executed <see cref="RefundOrderAction"/> lands in the business database, whoever sent the money back (the sandbox, Shopify,
/// Stripe): a processed refund row, the order's refund status, and a RefundProcessed event.
/// </summary>
public static class RefundRecording
{
    /// <summary>Records a processed refund of <paramref name="amount"/> on the tracked <paramref name="order"/>; the caller saves and appends the events.</summary>
    public static async Task<(ExecutionResult Result, IReadOnlyList<(string Type, object Data)> Events)> RecordAsync(
        LiveShopDbContext db, Order order, string refundId, decimal amount, string reason, DateTimeOffset now, CancellationToken cancellationToken,
        string? connectorReference = null)
    {
        var refunded = await RefundedAmount.OfOrderAsync(db, order.Id, cancellationToken);
        db.Refunds.Add(new Refund
        {
            Id = refundId, OrderId = order.Id, CustomerId = order.CustomerId, Amount = amount,
            Reason = reason, Status = "processed", RequestedAt = now, ProcessedAt = now,
        });
        order.Status = refunded + amount >= order.Total ? "refunded" : "partially_refunded";
        var result = new ExecutionResult
        {
            ConnectorReference = connectorReference ?? refundId,
            Summary = $"refunded {amount} on order {order.Id} ({refundId})",
            Details = BusinessUnitOfWork.Json(new { RefundId = refundId, OrderId = order.Id, Amount = amount }),
        };
        return (result, [("RefundProcessed", new { RefundId = refundId, OrderId = order.Id, Amount = amount, order.CustomerId, order.Currency })]);
    }
}
