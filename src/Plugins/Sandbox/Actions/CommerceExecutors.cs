using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Channels;
using LiveShop.Memory.Data.Entities.Payments;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Sandbox.Actions;

/// <summary><c>refund_order</c>: records a processed refund against the order; money sent back cannot be recalled.</summary>
public sealed class RefundOrderExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "refund_order";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var order = await SandboxBusiness.FindAsync(db.Orders, SandboxBusiness.Text(packet, "order_id"), "order", cancellationToken);
            var amount = SandboxBusiness.Number(packet, "amount");
            var refunded = await db.Refunds.Where(r => r.OrderId == order.Id).SumAsync(r => (decimal?)r.Amount, cancellationToken) ?? 0m;
            var refund = new Refund
            {
                Id = SandboxBusiness.NewId("re", packet), OrderId = order.Id, CustomerId = order.CustomerId, Amount = amount,
                Reason = SandboxBusiness.Text(packet, "reason"), Status = "processed", RequestedAt = business.Now, ProcessedAt = business.Now,
            };
            db.Refunds.Add(refund);
            order.Status = refunded + amount >= order.Total ? "refunded" : "partially_refunded";
            var result = new ExecutionResult
            {
                ConnectorReference = refund.Id,
                Summary = $"refunded {amount} on order {order.Id} ({refund.Id})",
                Details = SandboxBusiness.Json(new { RefundId = refund.Id, OrderId = order.Id, Amount = amount }),
                IrreversibleBecause = "a processed refund has left the business; it cannot be recalled",
            };
            return (result, [("RefundProcessed", new { RefundId = refund.Id, OrderId = order.Id, Amount = amount, order.CustomerId, order.Currency })]);
        }, packet.ActionId, cancellationToken);
}

/// <summary><c>change_price</c>: sets the product's price (and its listings'), keeps the change as history; undone by restoring the price.</summary>
public sealed class ChangePriceExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "change_price";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var product = await SandboxBusiness.FindAsync(db.Products, SandboxBusiness.Text(packet, "product_id"), "product", cancellationToken);
            var price = SandboxBusiness.Number(packet, "new_price");
            var previous = product.Price;
            product.Price = price;
            db.PriceChanges.Add(new PriceChange
            {
                ProductId = product.Id, FromPrice = previous, ToPrice = price, ChangedAt = business.Now,
                ChangedBy = packet.RequestedBy ?? "agent:unknown", Reason = packet.Agent is null ? null : $"proposed by {packet.Agent}",
            });
            var listings = await db.Listings.Where(l => l.ProductId == product.Id).ToListAsync(cancellationToken);
            foreach (var listing in listings) listing.Price = price;
            var result = new ExecutionResult
            {
                ConnectorReference = $"{product.Id}@{price}",
                Summary = $"price of {product.Id} {previous} → {price} ({listings.Count} listings updated)",
                Details = SandboxBusiness.Json(new { ProductId = product.Id, FromPrice = previous, ToPrice = price }),
                Inverse = new ActionInverse("change_price", SandboxBusiness.Json(new { ProductId = product.Id, NewPrice = previous })),
            };
            var events = listings.Select(l => ("ListingUpdated", (object)new
            {
                ListingId = l.Id, l.ProductId, l.Channel, Changes = new { Price = new { From = previous, To = price } },
            })).ToList();
            return (result, events);
        }, packet.ActionId, cancellationToken);
}

/// <summary><c>publish_listing</c>: lists a product on a channel.</summary>
public sealed class PublishListingExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "publish_listing";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var product = await SandboxBusiness.FindAsync(db.Products, SandboxBusiness.Text(packet, "product_id"), "product", cancellationToken);
            var id = SandboxBusiness.NewId("li", packet);
            var listing = new Listing
            {
                Id = id, ProductId = product.Id, Channel = SandboxBusiness.Text(packet, "channel"), ExternalId = $"sandbox-{id}",
                Title = SandboxBusiness.Text(packet, "title"), Description = SandboxBusiness.Text(packet, "description"),
                Price = product.Price, Status = "published", PublishedAt = business.Now,
            };
            db.Listings.Add(listing);
            var result = new ExecutionResult
            {
                ConnectorReference = listing.ExternalId,
                Summary = $"listing {id} of {product.Id} published on {listing.Channel}",
                IrreversibleBecause = "the policy declares no unpublish action; take the listing down on the channel",
            };
            return (result, [("ListingPublished", new { ListingId = id, ProductId = product.Id, listing.Channel, listing.Title })]);
        }, packet.ActionId, cancellationToken);
}

/// <summary><c>fulfill_order</c>: marks the order fulfilled (shipped).</summary>
public sealed class FulfillOrderExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "fulfill_order";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var order = await SandboxBusiness.FindAsync(db.Orders, SandboxBusiness.Text(packet, "order_id"), "order", cancellationToken);
            order.Status = "fulfilled";
            order.FulfilledAt = business.Now;
            var result = new ExecutionResult
            {
                ConnectorReference = $"shipment-{order.Id}", Summary = $"order {order.Id} fulfilled",
                IrreversibleBecause = "a shipped parcel cannot be recalled by the shop",
            };
            return (result, Array.Empty<(string, object)>());
        }, packet.ActionId, cancellationToken);
}

/// <summary><c>respond_ticket</c>: answers a support ticket.</summary>
public sealed class RespondTicketExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "respond_ticket";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var ticket = await SandboxBusiness.FindAsync(db.SupportTickets, SandboxBusiness.Text(packet, "ticket_id"), "ticket", cancellationToken);
            ticket.FirstResponseAt ??= business.Now;
            if (ticket.Status == "open") ticket.Status = "pending";
            var result = new ExecutionResult
            {
                ConnectorReference = $"{ticket.Id}:reply", Summary = $"replied to ticket {ticket.Id}",
                IrreversibleBecause = "a sent message cannot be unsent",
            };
            return (result, Array.Empty<(string, object)>());
        }, packet.ActionId, cancellationToken);
}
